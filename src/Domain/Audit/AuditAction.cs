namespace ProxyAdmin.Domain.Audit;

/// <summary>What a write did; on the wire in lower case, as LiteLLM.</summary>
public enum AuditAction
{
    Created,
    Updated,
    Deleted,
    Blocked,
    Unblocked,
    Rotated,

    /// <summary>A row's sealed values were decrypted and sealed again under another salt key (an encryption rotation).</summary>
    Reencrypted,
}
