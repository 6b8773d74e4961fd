namespace ProxyAdmin.Domain.Audit;

/// <summary>
/// One write to one entity, recorded in the same transaction as the write itself, and a link of the audit chain: its
/// <see cref="Sequence"/> and <see cref="Hash"/> are given by <see cref="AuditChainHead.Append"/> in that transaction.
/// </summary>
public sealed class AuditEntry
{
    public const int ObjectIdMaxLength = 256;
    public const int ChangedByMaxLength = 256;
    public const int TableNameMaxLength = 64;

    private AuditEntry()
    {
    }

    public Guid Id { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string ChangedBy { get; private set; } = null!;

    /// <summary>SHA-256 hex of the key that made the change.</summary>
    public string ChangedByApiKey { get; private set; } = null!;

    public AuditAction Action { get; private set; }
    public string TableName { get; private set; } = null!;
    public string ObjectId { get; private set; } = null!;

    /// <summary>JSON of the entity before the write, secrets masked; null for a create.</summary>
    public string? BeforeValue { get; private set; }

    /// <summary>JSON of the entity after the write, secrets masked; null for a delete.</summary>
    public string? UpdatedValues { get; private set; }

    /// <summary>
    /// The row's place in the one audit chain: 1, 2, 3 … in commit order, without gaps. Null only for a row written
    /// before the chain existed, or by an earlier version during a rolling upgrade, until the start-up chains it.
    /// </summary>
    public long? Sequence { get; private set; }

    /// <summary>
    /// Lower-case hex SHA-256 over the previous row's hash and this row's canonical content
    /// (<see cref="AuditChain.HashOf"/>); null exactly when <see cref="Sequence"/> is.
    /// </summary>
    public string? Hash { get; private set; }

    /// <summary>Takes <paramref name="sequence"/> and seals the row's content after <paramref name="previousHash"/>; a row is chained once.</summary>
    internal void Chain(long sequence, string previousHash)
    {
        if (Sequence is not null)
        {
            throw new InvalidOperationException("An audit row is chained once.");
        }

        Sequence = sequence;
        Hash = AuditChain.HashOf(previousHash, this);
    }

    public static AuditEntry Record(
        AuditAction action,
        string tableName,
        string objectId,
        string changedBy,
        string changedByApiKey,
        string? beforeValue,
        string? updatedValues,
        DateTime now) =>
        new()
        {
            Id = Guid.NewGuid(),
            UpdatedAt = now,
            Action = action,
            TableName = tableName,
            ObjectId = objectId,
            ChangedBy = changedBy,
            ChangedByApiKey = changedByApiKey,
            BeforeValue = beforeValue,
            UpdatedValues = updatedValues,
        };
}
