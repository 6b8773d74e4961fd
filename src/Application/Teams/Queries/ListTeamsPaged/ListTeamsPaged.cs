using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Application.Teams.Queries.ListTeamsPaged;

/// <summary><c>GET /v2/team/list</c>: one page of teams, optionally searched by alias.</summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListTeamsPagedQuery : IQuery<TeamPageDto>
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 10;
    public string? TeamAlias { get; init; }
    public string? UserId { get; init; }
    public string? OrganizationId { get; init; }
}

public sealed class ListTeamsPagedQueryValidator : AbstractValidator<ListTeamsPagedQuery>
{
    public ListTeamsPagedQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
    }
}

public sealed class ListTeamsPagedQueryHandler(IReadRepository reads, ICurrentCaller caller) : IQueryHandler<ListTeamsPagedQuery, TeamPageDto>
{
    public async ValueTask<TeamPageDto> Handle(ListTeamsPagedQuery query, CancellationToken cancellationToken)
    {
        var (seesAny, memberId, teamId) = TeamListScope.For(caller, query.UserId);
        var total = seesAny ? await reads.CountAsync(new TeamsMatching(memberId, teamId, query.OrganizationId, query.TeamAlias), cancellationToken) : 0;
        var found = seesAny
            ? await reads.ListAsync(new TeamsMatching(memberId, teamId, query.OrganizationId, query.TeamAlias, (query.Page, query.PageSize)), cancellationToken)
            : [];
        var page = new PagedResult<TeamDto>(found.ConvertAll(t => t.ToDto()), query.Page, query.PageSize, total);
        return new TeamPageDto { Teams = [.. page.Items], Total = total, Page = page.Page, PageSize = page.PageSize, TotalPages = page.TotalPages };
    }
}
