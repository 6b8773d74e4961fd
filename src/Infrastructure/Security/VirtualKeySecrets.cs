using System.Buffers;
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

    /// <summary>
    /// SHA-256 hex of the key's UTF-8 bytes. Runs on every authenticated request, so the bytes and the digest stay on
    /// the stack (a pooled array for an oversized key) and are cleared after: they are the secret.
    /// </summary>
    internal static string HashKey(string plaintext)
    {
        const int StackBytes = 256;
        var byteCount = Encoding.UTF8.GetMaxByteCount(plaintext.Length);
        var rented = byteCount > StackBytes ? ArrayPool<byte>.Shared.Rent(byteCount) : null;
        var utf8 = rented ?? stackalloc byte[StackBytes];
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        var written = Encoding.UTF8.GetBytes(plaintext, utf8);
        try
        {
            SHA256.HashData(utf8[..written], digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8[..written]);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    internal static string DisplayName(string plaintext) => "sk-..." + plaintext[^4..];

    private static bool IsHash(string value) =>
        value.Length == VirtualKey.TokenLength && value.All(char.IsAsciiHexDigit);
}
