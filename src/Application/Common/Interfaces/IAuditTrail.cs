using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>
/// Stages one audit row in the current unit of work, so it commits or rolls back with the write it
/// describes. Snapshots are response DTOs; the implementation serialises them as they appear on the wire
/// and masks every sensitive field.
/// </summary>
public interface IAuditTrail
{
    void Record(AuditAction action, string tableName, string objectId, object? before, object? after);

    /// <summary>
    /// Stages a row for work done without a request (a rotation batch), on behalf of the caller who asked for it:
    /// <paramref name="changedBy"/> and <paramref name="changedByApiKey"/> (the key's hash) are recorded as that caller's.
    /// </summary>
    void RecordOnBehalfOf(string changedBy, string changedByApiKey, AuditAction action, string tableName, string objectId, object? before, object? after);
}
