using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>
/// Who may see or change a team (<see cref="Team.IsVisibleTo"/>, <see cref="Team.IsAdministeredBy"/>), judged
/// against the stored team. A caller outside the team learns nothing, not even that it exists (404); a member who
/// may read but not change it gets 403.
/// </summary>
public static class TeamAccess
{
    public static NotFoundException NotFound(string teamId) => new($"Team not found, passed team_id={teamId}", "team_id");

    public static Team EnsureVisible(this ICurrentCaller caller, Team? team, string teamId) =>
        team is not null && team.IsVisibleTo(caller.Principal) ? team : throw NotFound(teamId);

    public static Team EnsureAdministrable(this ICurrentCaller caller, Team? team, string teamId, string action)
    {
        team = caller.EnsureVisible(team, teamId);
        return team.IsAdministeredBy(caller.Principal)
            ? team
            : throw new ForbiddenAccessException($"Only proxy admins or admins of team {teamId} can {action}.");
    }
}
