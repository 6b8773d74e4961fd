using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Audit.Queries.ListAuditLogs;

/// <summary>
/// <c>GET /audit</c>: one page of audit rows, newest first unless <c>sort_order=asc</c>, filtered by any
/// of action, table, object, author and a time window (inclusive).
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record ListAuditLogsQuery : IQuery<AuditLogPageDto>
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 10;
    public AuditAction? Action { get; init; }
    public string? TableName { get; init; }
    public string? ObjectId { get; init; }
    public string? ChangedBy { get; init; }
    public DateTime? StartDate { get; init; }
    public DateTime? EndDate { get; init; }
    public SortOrder SortOrder { get; init; } = SortOrder.Desc;
}

public sealed class ListAuditLogsQueryValidator : AbstractValidator<ListAuditLogsQuery>
{
    public ListAuditLogsQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
        RuleFor(q => q.Action).IsInEnum();
        RuleFor(q => q.SortOrder).IsInEnum();
        RuleFor(q => q.TableName)
            .Must(t => t is null || AuditTables.All.Contains(t))
            .WithMessage($"'table_name' must be one of: {string.Join(", ", AuditTables.All)}.");
        RuleFor(q => q.EndDate)
            .Must((q, end) => q.StartDate is null || end is null || end >= q.StartDate)
            .WithMessage("'end_date' must not be before 'start_date'.");
    }
}

public sealed class ListAuditLogsQueryHandler(IReadRepository reads) : IQueryHandler<ListAuditLogsQuery, AuditLogPageDto>
{
    public async ValueTask<AuditLogPageDto> Handle(ListAuditLogsQuery query, CancellationToken cancellationToken)
    {
        var total = await reads.CountAsync(new AuditLogsMatching(query, paged: false), cancellationToken);
        var entries = await reads.ListAsync(new AuditLogsMatching(query, paged: true), cancellationToken);
        var page = new PagedResult<AuditEntry>(entries, query.Page, query.PageSize, total);
        return new AuditLogPageDto
        {
            AuditLogs = entries.ConvertAll(AuditLogDto.From),
            Total = total,
            Page = page.Page,
            PageSize = page.PageSize,
            TotalPages = page.TotalPages,
        };
    }
}
