using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Audit;

/// <summary>Reads of the audit log; its writes go through <see cref="IAuditTrail"/> only.</summary>
public interface IAuditLogRepository
{
    Task<AuditEntry?> GetAsync(Guid id, CancellationToken cancellationToken);
}
