namespace ProxyAdmin.Application.Teams.Queries.ListTeams;

/// <summary>
/// <c>GET /team/list</c>: LiteLLM's array of teams (sorted by alias), in one query. Admins and admin
/// viewers list every team or one user's; everyone else lists only their own.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record ListTeamsQuery(string? UserId, string? OrganizationId) : IQuery<List<TeamDto>>;

public sealed class ListTeamsQueryHandler(IReadRepository reads, ICurrentCaller caller) : IQueryHandler<ListTeamsQuery, List<TeamDto>>
{
    public async ValueTask<List<TeamDto>> Handle(ListTeamsQuery query, CancellationToken cancellationToken)
    {
        var memberId = TeamListScope.MemberFilter(caller, query.UserId);
        var found = await reads.ListAsync(new TeamsMatching(memberId, query.OrganizationId, aliasSearch: null), cancellationToken);
        return found.ConvertAll(t => t.ToDto());
    }
}
