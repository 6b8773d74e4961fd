namespace ProxyAdmin.Application.Encryption;

/// <summary>
/// Which salt keys the stored secrets are under, table by table, and the latest rotation run. Counted from the rows
/// themselves when asked (nothing is decrypted), so it is exact at the moment it is read.
/// </summary>
public sealed record EncryptionStatusDto
{
    /// <summary>The key new values are sealed under on the replica that answered.</summary>
    public required string ActiveKeyId { get; init; }

    /// <summary>The keys the answering replica is configured with.</summary>
    public required List<string> ConfiguredKeyIds { get; init; }

    public required List<EncryptionTableStatusDto> Tables { get; init; }

    /// <summary>Every key some stored value is sealed under.</summary>
    public required List<string> KeysInUse { get; init; }

    /// <summary>Configured keys no stored value uses and that are not active: they can be removed from the configuration.</summary>
    public required List<string> RemovableKeyIds { get; init; }

    /// <summary>Keys stored values name that are not configured: those values cannot be read until the key is configured again.</summary>
    public required List<string> MissingKeyIds { get; init; }

    /// <summary>True when every stored value is under the active key.</summary>
    public required bool Complete { get; init; }

    /// <summary>The latest rotation run; null when none ever ran.</summary>
    public EncryptionRotationDto? Rotation { get; init; }
}
