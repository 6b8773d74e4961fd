using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Audit.Queries.ListAuditLogs;

/// <summary>
/// <c>GET /audit</c>: one page of audit rows, newest first unless <c>sort_order=asc</c>, filtered by any
/// of action, table, object, author and a time window (inclusive). Paged by <c>page</c> or by <c>after</c>, the
/// <c>next_cursor</c> of the page before.
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record ListAuditLogsQuery : IQuery<AuditLogPageDto>
{
    /// <summary>The 1-based page; 1 when neither it nor <see cref="After"/> is sent.</summary>
    public int? Page { get; init; }

    public int PageSize { get; init; } = 10;
    public AuditAction? Action { get; init; }
    public string? TableName { get; init; }
    public string? ObjectId { get; init; }
    public string? ChangedBy { get; init; }
    public DateTime? StartDate { get; init; }
    public DateTime? EndDate { get; init; }
    public SortOrder SortOrder { get; init; } = SortOrder.Desc;

    /// <summary>The <c>next_cursor</c> of the previous page, for the same filters and sort order.</summary>
    public string? After { get; init; }

    /// <summary>Whether any filter narrows the list (the unfiltered total is the maintained count).</summary>
    public bool IsFiltered => Action is not null || TableName is not null || ObjectId is not null || ChangedBy is not null || StartDate is not null || EndDate is not null;

    /// <summary>What a cursor of this list is bound to: its filters and its sort order.</summary>
    public string Fingerprint() => PageCursor.Fingerprint("audit", Action, TableName, ObjectId, ChangedBy, StartDate, EndDate, SortOrder);
}

public sealed class ListAuditLogsQueryValidator : AbstractValidator<ListAuditLogsQuery>
{
    public ListAuditLogsQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
        RuleFor(q => q.Action).IsInEnum();
        RuleFor(q => q.SortOrder).IsInEnum();
        RuleFor(q => q.After).ValidCursor(q => q.Page);
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
        var fingerprint = query.Fingerprint();
        var after = query.After is { } cursor ? PageCursor.Decode(cursor, fingerprint, 2) : null;
        var total = query.IsFiltered
            ? await reads.CountAsync(new AuditLogsMatching(query), cancellationToken)
            : await reads.CountAllAsync<AuditEntry>(cancellationToken);
        var found = await reads.ListAsync(
            new AuditLogsMatching(query, PageWindow.For(query.Page, query.PageSize), after is null ? null : (after.Instant(0), after.Id(1))),
            cancellationToken);
        var (entries, nextCursor) = PageSlice.Of(found, query.PageSize, e => PageCursor.Encode(fingerprint, PageCursor.Key(e.UpdatedAt), PageCursor.Key(e.Id)));
        var page = new PagedResult<AuditEntry>(entries, query.Page ?? 1, query.PageSize, total);
        return new AuditLogPageDto
        {
            AuditLogs = entries.ConvertAll(AuditLogDto.From),
            Total = total,
            Page = page.Page,
            PageSize = page.PageSize,
            TotalPages = page.TotalPages,
            NextCursor = nextCursor,
        };
    }
}
