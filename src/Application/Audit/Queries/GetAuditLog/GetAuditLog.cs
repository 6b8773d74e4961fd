namespace ProxyAdmin.Application.Audit.Queries.GetAuditLog;

/// <summary><c>GET /audit/{id}</c>: one audit row.</summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record GetAuditLogQuery(Guid Id) : IQuery<AuditLogDto>;

public sealed class GetAuditLogQueryHandler(IAuditLogRepository auditLogs) : IQueryHandler<GetAuditLogQuery, AuditLogDto>
{
    public async ValueTask<AuditLogDto> Handle(GetAuditLogQuery query, CancellationToken cancellationToken)
    {
        var entry = await auditLogs.GetAsync(query.Id, cancellationToken)
            ?? throw new NotFoundException($"Audit log with ID {query.Id} not found", "id");
        return AuditLogDto.From(entry);
    }
}
