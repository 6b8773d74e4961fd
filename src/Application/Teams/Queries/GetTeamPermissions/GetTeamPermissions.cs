using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Queries.GetTeamPermissions;

/// <summary>
/// <c>GET /team/permissions_list?team_id=</c>: what the team's non-admin members may do with its keys, and every
/// permission there is. Proxy admins, admin viewers and the team's admins.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record GetTeamPermissionsQuery(string TeamId) : IQuery<TeamPermissionsDto>;

public sealed class GetTeamPermissionsQueryValidator : AbstractValidator<GetTeamPermissionsQuery>
{
    public GetTeamPermissionsQueryValidator() => RuleFor(q => q.TeamId).NotEmpty().WithMessage("'team_id' is required.");
}

public sealed class GetTeamPermissionsQueryHandler(ITeamRepository teams, ICurrentCaller caller, OrganizationStanding standing) : IQueryHandler<GetTeamPermissionsQuery, TeamPermissionsDto>
{
    public async ValueTask<TeamPermissionsDto> Handle(GetTeamPermissionsQuery query, CancellationToken cancellationToken)
    {
        var loaded = await teams.GetAsync(query.TeamId, cancellationToken);
        var administersOrganization = await standing.AdministersOrganizationOfAsync(loaded, cancellationToken);
        var team = caller.EnsureVisible(loaded, query.TeamId, administersOrganization);
        if (!caller.ReadsEverything() && !team.IsAdministeredBy(caller.Principal, administersOrganization))
        {
            throw new ForbiddenAccessException($"Only proxy admins or admins of team {query.TeamId} can list its member permissions.");
        }

        return new TeamPermissionsDto
        {
            TeamId = team.TeamId,
            TeamMemberPermissions = team.TeamMemberPermissions.Count > 0 ? [.. team.TeamMemberPermissions] : [.. TeamMemberPermissions.Default],
            AllAvailablePermissions = [.. TeamMemberPermissions.All],
        };
    }
}
