using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Infrastructure.Security;

internal sealed class VirtualKeySecrets : IVirtualKeySecrets
{
    /// <summary>192 random bits, comfortably above the 128 the contract promises.</summary>
    private const int RandomBytes = 24;

    public (string Plaintext, IssuedSecret Stored) NewSecret()
    {
        var plaintext = "sk-" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        return (plaintext, new IssuedSecret(Hash(plaintext), DisplayName(plaintext)));
    }

    public IssuedSecret Stored(string plaintext) => new(Hash(plaintext), DisplayName(plaintext));

    public string Hash(string plaintext) => HashKey(plaintext);

    public string ToHash(string plaintextOrHash) =>
        IsHash(plaintextOrHash) ? plaintextOrHash.ToLowerInvariant() : Hash(plaintextOrHash);

    internal static string HashKey(string plaintext) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));

    internal static string DisplayName(string plaintext) => "sk-..." + plaintext[^4..];

    private static bool IsHash(string value) =>
        value.Length == VirtualKey.TokenLength && value.All(char.IsAsciiHexDigit);
}
