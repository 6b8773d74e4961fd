using ProxyAdmin.Application.Audit;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class AuditLogRepository(ProxyAdminDbContext db) : IAuditLogRepository
{
    public Task<AuditEntry?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        db.AuditLogs.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
}
