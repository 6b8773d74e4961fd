using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// LiteLLM's newest at-rest format, so both can read each other's rows: AES-256-GCM under a key derived
/// from the salt key with HKDF-SHA256 (no salt, info <c>litellm-at-rest-v3</c>), stored as
/// <c>v3:gcm:</c> + base64url(nonce(12) ‖ ciphertext ‖ tag(16)).
/// </summary>
public sealed class AesGcmSecretProtector : ISecretProtector
{
    public const string Prefix = "v3:gcm:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Info = Encoding.UTF8.GetBytes("litellm-at-rest-v3");

    private readonly byte[] _key;

    public AesGcmSecretProtector(ServiceSecrets secrets)
        : this(secrets.SaltKey)
    {
    }

    internal AesGcmSecretProtector(string saltKey)
    {
        _key = DeriveKey(saltKey);
    }

    /// <summary>HKDF-SHA256(ikm = salt key, salt = none, info = <c>litellm-at-rest-v3</c>, 32 bytes).</summary>
    internal static byte[] DeriveKey(string saltKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(saltKey), 32, salt: [], info: Info);

    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length, TagSize));

        // Python's urlsafe_b64encode keeps '=' padding; so do we, and we read either form.
        var encoded = Base64Url.EncodeToString(sealedBytes);
        return Prefix + encoded.PadRight((encoded.Length + 3) / 4 * 4, '=');
    }

    public string Unprotect(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new SecretUnreadableException("The value is not in the v3:gcm: format.");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(stored.AsSpan(Prefix.Length).TrimEnd('='));
        }
        catch (FormatException)
        {
            throw new SecretUnreadableException("The value is not valid base64url.");
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new SecretUnreadableException("The value is too short to be a sealed secret.");
        }

        var cipherLength = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(
                sealedBytes.AsSpan(0, NonceSize),
                sealedBytes.AsSpan(NonceSize, cipherLength),
                sealedBytes.AsSpan(NonceSize + cipherLength, TagSize),
                plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretUnreadableException("The value was tampered with or sealed under another salt key.");
        }

        return Encoding.UTF8.GetString(plain);
    }
}
