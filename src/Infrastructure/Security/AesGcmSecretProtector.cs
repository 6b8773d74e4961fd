using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// LiteLLM's newest at-rest format with the key named: AES-256-GCM under a key derived from a salt key of the
/// <see cref="SaltKeyring"/> (HKDF-SHA256, no salt, info <c>litellm-at-rest-v3</c>), stored as
/// <c>v3:gcm:&lt;key id&gt;:</c> + base64url(nonce(12) ‖ ciphertext ‖ tag(16)). A value without a key id,
/// <c>v3:gcm:</c> + base64url(…) as LiteLLM and ProxyAdmin before keyrings wrote it, is read with the
/// <see cref="SaltKeyring.OriginalKeyId"/> key; base64url holds no <c>:</c>, so the id is whatever stands between the
/// prefix and the next <c>:</c> (ADR 0005, ADR 0008). Every seal and unseal is counted by key id and outcome
/// (<see cref="EncryptionMetrics"/>).
/// </summary>
public sealed class AesGcmSecretProtector : ISecretProtector
{
    public const string Prefix = "v3:gcm:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly SaltKeyring _keyring;
    private readonly EncryptionMetrics? _metrics;

    /// <param name="metrics">Null where no host composes metrics (tests, tools).</param>
    public AesGcmSecretProtector(ServiceSecrets secrets, EncryptionMetrics? metrics = null)
        : this(secrets.Keyring, metrics)
    {
    }

    internal AesGcmSecretProtector(SaltKeyring keyring, EncryptionMetrics? metrics = null)
    {
        _keyring = keyring;
        _metrics = metrics;
    }

    /// <summary>A protector of one key, the original (tests).</summary>
    internal AesGcmSecretProtector(string saltKey)
        : this(SaltKeyring.OfOriginal(saltKey))
    {
    }

    public string ActiveKeyId => _keyring.ActiveKeyId;

    public IReadOnlyList<string> KeyIds => _keyring.KeyIds;

    public string Protect(string plaintext)
    {
        var key = _keyring.Active;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.DataKey, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length, TagSize));

        // Python's urlsafe_b64encode keeps '=' padding; so do we, and we read either form.
        var encoded = Base64Url.EncodeToString(sealedBytes);
        _metrics?.Counted(EncryptionMetrics.Seal, key.Id, succeeded: true);
        return key.Prefix + encoded.PadRight((encoded.Length + 3) / 4 * 4, '=');
    }

    public string Unprotect(string stored)
    {
        if (!TrySplit(stored, out var keyId, out var payload))
        {
            _metrics?.Counted(EncryptionMetrics.Unseal, EncryptionMetrics.NoKey, succeeded: false);
            throw new SecretUnreadableException(stored.StartsWith(Prefix, StringComparison.Ordinal)
                ? "The value names a malformed salt key id."
                : "The value is not in the v3:gcm: format.");
        }

        if (!_keyring.TryGet(keyId, out var key))
        {
            // The id is well formed (TrySplit checked it), so naming it cannot echo anything else stored in the value.
            var id = keyId.ToString();
            _metrics?.Counted(EncryptionMetrics.Unseal, EncryptionMetrics.Unconfigured, succeeded: false);
            var setting = id == SaltKeyring.OriginalKeyId ? "ProxyAdmin__SaltKey" : "ProxyAdmin__SaltKeys__" + id;
            throw new SecretUnreadableException($"The value was sealed under salt key '{id}', which is not configured ({setting}).");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(payload.TrimEnd('='));
        }
        catch (FormatException)
        {
            _metrics?.Counted(EncryptionMetrics.Unseal, key.Id, succeeded: false);
            throw new SecretUnreadableException("The value is not valid base64url.");
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            _metrics?.Counted(EncryptionMetrics.Unseal, key.Id, succeeded: false);
            throw new SecretUnreadableException("The value is too short to be a sealed secret.");
        }

        var cipherLength = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(key.DataKey, TagSize);
            aes.Decrypt(
                sealedBytes.AsSpan(0, NonceSize),
                sealedBytes.AsSpan(NonceSize, cipherLength),
                sealedBytes.AsSpan(NonceSize + cipherLength, TagSize),
                plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            _metrics?.Counted(EncryptionMetrics.Unseal, key.Id, succeeded: false);
            throw new SecretUnreadableException($"The value was tampered with or sealed under another secret than salt key '{key.Id}'.");
        }

        _metrics?.Counted(EncryptionMetrics.Unseal, key.Id, succeeded: true);
        return Encoding.UTF8.GetString(plain);
    }

    public string? KeyIdOf(string stored)
    {
        if (!TrySplit(stored, out var keyId, out _))
        {
            return null;
        }

        return _keyring.TryGet(keyId, out var key) ? key.Id : keyId.ToString();
    }

    /// <summary>
    /// The key id a <c>v3:gcm:</c> value names (<see cref="SaltKeyring.OriginalKeyId"/> when it names none) and its
    /// payload; false when the value lacks the prefix or names a malformed id.
    /// </summary>
    private static bool TrySplit(string stored, out ReadOnlySpan<char> keyId, out ReadOnlySpan<char> payload)
    {
        keyId = default;
        payload = default;
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = stored.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        if (colon < 0)
        {
            keyId = SaltKeyring.OriginalKeyId;
            payload = rest;
            return true;
        }

        keyId = rest[..colon];
        payload = rest[(colon + 1)..];
        return SaltKeyring.IsWellFormedId(keyId);
    }
}
