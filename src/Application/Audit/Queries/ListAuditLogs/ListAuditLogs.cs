using ProxyAdmin.Application.Common.Models;
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

public enum SortOrder
{
    Asc,
    Desc,
}

public sealed record AuditLogPageDto
{
    public required List<AuditLogDto> AuditLogs { get; init; }
    public required int Total { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int TotalPages { get; init; }
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

public sealed class AuditLogsMatching : Specification<AuditEntry>
{
    public AuditLogsMatching(ListAuditLogsQuery query, bool paged)
    {
        if (query.Action is { } action)
        {
            Where(e => e.Action == action);
        }

        if (query.TableName is { } table)
        {
            Where(e => e.TableName == table);
        }

        if (query.ObjectId is { } objectId)
        {
            Where(e => e.ObjectId == objectId);
        }

        if (query.ChangedBy is { } changedBy)
        {
            Where(e => e.ChangedBy == changedBy);
        }

        if (query.StartDate is { } start)
        {
            var from = AsUtc(start);
            Where(e => e.UpdatedAt >= from);
        }

        if (query.EndDate is { } end)
        {
            var to = AsUtc(end);
            Where(e => e.UpdatedAt <= to);
        }

        var descending = query.SortOrder == SortOrder.Desc;
        OrderBy(e => e.UpdatedAt, descending);
        OrderBy(e => e.Id, descending);
        if (paged)
        {
            Page(query.Page, query.PageSize);
        }
    }

    /// <summary>
    /// Audit times are stored in UTC; a date sent without a zone (<c>2026-11-24T10:00:00</c>) means UTC too, not
    /// the server's local time, so the same query answers the same wherever the service runs.
    /// </summary>
    private static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
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
