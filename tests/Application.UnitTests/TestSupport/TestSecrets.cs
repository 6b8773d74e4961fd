using System.Security.Cryptography;
using System.Text;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>Key hashing as the real implementation does it: SHA-256 hex, a 64-character hex string taken as a hash already.</summary>
public static class TestSecrets
{
    public static string Hash(string plaintext) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));

    public static string ToHash(string plaintextOrHash) =>
        plaintextOrHash.Length == 64 && plaintextOrHash.All(char.IsAsciiHexDigitLower) ? plaintextOrHash : Hash(plaintextOrHash);

    public static IssuedSecret Stored(string plaintext) => new(Hash(plaintext), "sk-..." + plaintext[^4..]);
}
