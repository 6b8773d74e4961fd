using ProxyAdmin.Application.Organizations;

namespace ProxyAdmin.Application.Teams.Queries.ListTeams;

/// <summary>
/// <c>GET /team/list</c>: LiteLLM's array of teams (sorted by alias), in one query. Admins and admin
/// viewers list every team or one user's; users list the teams they belong to and those of the organizations they are
/// <c>org_admin</c>s of, a service account its own team.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListTeamsQuery(string? UserId, string? OrganizationId) : IQuery<List<TeamDto>>;

public sealed class ListTeamsQueryHandler(IReadRepository reads, ICurrentCaller caller, OrganizationStanding standing) : IQueryHandler<ListTeamsQuery, List<TeamDto>>
{
    public async ValueTask<List<TeamDto>> Handle(ListTeamsQuery query, CancellationToken cancellationToken)
    {
        var (seesAny, memberId, teamId) = TeamListScope.For(caller, query.UserId);
        if (!seesAny)
        {
            return [];
        }

        var administered = !caller.ReadsEverything() && memberId is not null ? await standing.AdministeredAsync(cancellationToken) : [];
        var found = await reads.ListAsync(
            new TeamsMatching(memberId, teamId, query.OrganizationId, aliasSearch: null, administeredOrganizations: administered), cancellationToken);
        return found.ConvertAll(t => t.ToDto());
    }
}
