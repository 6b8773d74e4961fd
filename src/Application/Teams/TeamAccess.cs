using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>
/// Who may see or change a team (<see cref="Team.IsVisibleTo(Domain.Common.Principal, bool)"/>,
/// <see cref="Team.IsAdministeredBy(Domain.Common.Principal, bool)"/>), judged against the stored team. A caller outside
/// the team learns nothing, not even that it exists (404); a member who may read but not change it gets 403.
/// <c>administersOrganization</c> is whether the caller is an <c>org_admin</c> of the team's organization
/// (<c>OrganizationStanding.AdministersOrganizationOfAsync</c>); false leaves the team's own rule.
/// </summary>
public static class TeamAccess
{
    public static NotFoundException NotFound(string teamId) => new($"Team not found, passed team_id={teamId}", "team_id");

    public static Team EnsureVisible(this ICurrentCaller caller, Team? team, string teamId, bool administersOrganization = false) =>
        team is not null && team.IsVisibleTo(caller.Principal, administersOrganization) ? team : throw NotFound(teamId);

    public static Team EnsureAdministrable(this ICurrentCaller caller, Team? team, string teamId, string action, bool administersOrganization = false)
    {
        team = caller.EnsureVisible(team, teamId, administersOrganization);
        return team.IsAdministeredBy(caller.Principal, administersOrganization)
            ? team
            : throw new ForbiddenAccessException($"Only proxy admins or admins of team {teamId} can {action}.");
    }
}
