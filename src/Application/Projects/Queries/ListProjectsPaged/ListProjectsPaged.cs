using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Application.Projects.Queries.ListProjectsPaged;

/// <summary><c>GET /v2/project/list</c>: one page of the projects the caller may see, optionally searched by alias.</summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListProjectsPagedQuery : IQuery<ProjectPageDto>
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 10;
    public string? TeamId { get; init; }
    public string? Search { get; init; }
}

public sealed class ListProjectsPagedQueryValidator : AbstractValidator<ListProjectsPagedQuery>
{
    public ListProjectsPagedQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
        RuleFor(q => q.Search).MaximumLength(Domain.Projects.Project.AliasMaxLength);
    }
}

public sealed class ListProjectsPagedQueryHandler(IReadRepository reads, ProjectListScope scope)
    : IQueryHandler<ListProjectsPagedQuery, ProjectPageDto>
{
    public async ValueTask<ProjectPageDto> Handle(ListProjectsPagedQuery query, CancellationToken cancellationToken)
    {
        var teamIds = await scope.TeamFilterAsync(query.TeamId, cancellationToken);
        var total = await reads.CountAsync(new ProjectsMatching(teamIds, query.Search), cancellationToken);
        var found = await reads.ListAsync(new ProjectsMatching(teamIds, query.Search, (query.Page, query.PageSize)), cancellationToken);
        var page = new PagedResult<ProjectDto>(found.ConvertAll(p => p.ToDto()), query.Page, query.PageSize, total);
        return new ProjectPageDto { Projects = [.. page.Items], Total = total, Page = page.Page, PageSize = page.PageSize, TotalPages = page.TotalPages };
    }
}
