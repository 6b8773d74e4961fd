using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Projects.Queries.ListProjectsPaged;

/// <summary>
/// <c>GET /v2/project/list</c>: one page of the projects the caller may see, optionally searched by alias, oldest
/// first. Paged by <c>page</c> (LiteLLM's offset) or by <c>after</c>, the <c>next_cursor</c> of the page before.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListProjectsPagedQuery : IQuery<ProjectPageDto>
{
    /// <summary>The 1-based page; 1 when neither it nor <see cref="After"/> is sent.</summary>
    public int? Page { get; init; }

    public int PageSize { get; init; } = 10;
    public string? TeamId { get; init; }
    public string? Search { get; init; }

    /// <summary>The <c>next_cursor</c> of the previous page, for the same filters.</summary>
    public string? After { get; init; }

    /// <summary>What a cursor of this list is bound to: the filters a client sends (the caller's scope is applied anew).</summary>
    public string Fingerprint() => PageCursor.Fingerprint("v2/project/list", TeamId, Search);
}

public sealed class ListProjectsPagedQueryValidator : AbstractValidator<ListProjectsPagedQuery>
{
    public ListProjectsPagedQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
        RuleFor(q => q.Search).MaximumLength(Project.AliasMaxLength);
        RuleFor(q => q.After).ValidCursor(q => q.Page);
    }
}

public sealed class ListProjectsPagedQueryHandler(IReadRepository reads, IProjectRepository projects, ProjectListScope scope)
    : IQueryHandler<ListProjectsPagedQuery, ProjectPageDto>
{
    public async ValueTask<ProjectPageDto> Handle(ListProjectsPagedQuery query, CancellationToken cancellationToken)
    {
        var fingerprint = query.Fingerprint();
        var after = query.After is { } cursor ? PageCursor.Decode(cursor, fingerprint, 2) : null;
        var teamIds = await scope.TeamFilterAsync(query.TeamId, cancellationToken);
        // Without a search the total is a kept count: of the table, or of the teams the caller sees (or asked for).
        var total = !string.IsNullOrEmpty(query.Search) ? await reads.CountAsync(new ProjectsMatching(teamIds, query.Search), cancellationToken)
            : teamIds is null ? await reads.CountAllAsync<Project>(cancellationToken)
            : await projects.CountInTeamsAsync(teamIds, cancellationToken);
        var found = await reads.ListAsync(
            new ProjectsMatching(teamIds, query.Search, PageWindow.For(query.Page, query.PageSize), after is null ? null : (after.Instant(0), after.Text(1))),
            cancellationToken);
        var (rows, nextCursor) = PageSlice.Of(found, query.PageSize, p => PageCursor.Encode(fingerprint, PageCursor.Key(p.CreatedAt), p.ProjectId));
        var page = new PagedResult<ProjectDto>(rows.ConvertAll(p => p.ToDto()), query.Page ?? 1, query.PageSize, total);
        return new ProjectPageDto
        {
            Projects = [.. page.Items],
            Total = total,
            Page = page.Page,
            PageSize = page.PageSize,
            TotalPages = page.TotalPages,
            NextCursor = nextCursor,
        };
    }
}
