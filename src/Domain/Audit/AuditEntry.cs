namespace ProxyAdmin.Domain.Audit;

/// <summary>One write to one entity, recorded in the same transaction as the write itself.</summary>
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
