namespace ProxyAdmin.Application.Audit.Queries.ListAuditLogs;

public sealed record AuditLogPageDto
{
    public required List<AuditLogDto> AuditLogs { get; init; }
    public required int Total { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int TotalPages { get; init; }
}
