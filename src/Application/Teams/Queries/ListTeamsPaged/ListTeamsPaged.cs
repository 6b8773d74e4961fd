using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Application.Teams.Queries.ListTeamsPaged;

/// <summary><c>GET /v2/team/list</c>: one page of teams, optionally searched by alias.</summary>
[Authorize(AccessPolicy.SelfServiceRead)]
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
        var memberId = TeamListScope.MemberFilter(caller, query.UserId);
        var total = await reads.CountAsync(new TeamsMatching(memberId, query.OrganizationId, query.TeamAlias), cancellationToken);
        var found = await reads.ListAsync(new TeamsMatching(memberId, query.OrganizationId, query.TeamAlias, (query.Page, query.PageSize)), cancellationToken);
        var page = new PagedResult<TeamDto>(found.ConvertAll(t => t.ToDto()), query.Page, query.PageSize, total);
        return new TeamPageDto { Teams = [.. page.Items], Total = total, Page = page.Page, PageSize = page.PageSize, TotalPages = page.TotalPages };
    }
}
