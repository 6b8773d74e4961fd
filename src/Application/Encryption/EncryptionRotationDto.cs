using ProxyAdmin.Domain.Encryption;

namespace ProxyAdmin.Application.Encryption;

/// <summary>A rotation run as <c>/encryption/status</c> shows it.</summary>
public sealed record EncryptionRotationDto
{
    public required string RotationId { get; init; }
    public required string TargetKeyId { get; init; }

    /// <summary><c>running</c>, <c>completed</c> or <c>superseded</c> (replaced by a run under another key).</summary>
    public required EncryptionRotationState State { get; init; }

    public required long RowsReencrypted { get; init; }
    public required long ValuesReencrypted { get; init; }

    /// <summary>Values no configured key could decrypt; left as they were.</summary>
    public required long UnreadableValues { get; init; }

    public required bool ModelsDone { get; init; }
    public required bool CredentialsDone { get; init; }
    public required DateTime StartedAt { get; init; }
    public required string StartedBy { get; init; }
    public DateTime? CompletedAt { get; init; }

}
