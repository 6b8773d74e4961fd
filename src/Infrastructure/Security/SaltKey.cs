namespace ProxyAdmin.Infrastructure.Security;

/// <summary>One key of the <see cref="SaltKeyring"/>: its id as configured, the AES-256 key derived from its secret
/// (the secret itself is not kept), and the prefix of every value sealed under it.</summary>
internal sealed class SaltKey(string id, byte[] dataKey)
{
    public string Id { get; } = id;

    public byte[] DataKey { get; } = dataKey;

    /// <summary><c>v3:gcm:&lt;id&gt;:</c></summary>
    public string Prefix { get; } = AesGcmSecretProtector.Prefix + id + ":";
}
