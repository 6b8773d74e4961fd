using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>
/// Who may see or change a team, judged against the stored team. A caller outside the team learns
/// nothing, not even that it exists (404); a member who may read but not change it gets 403.
/// </summary>
public static class TeamAccess
{
    public static NotFoundException NotFound(string teamId) => new($"Team not found, passed team_id={teamId}", "team_id");

    /// <summary>Admins and admin viewers see every team; members see their own.</summary>
    public static Team EnsureVisible(this ICurrentCaller caller, Team? team, string teamId) =>
        team is not null && (caller.ReadsEverything() || team.IsMember(caller.UserId)) ? team : throw NotFound(teamId);

    /// <summary>Proxy admins and the team's admins administer it.</summary>
    public static Team EnsureAdministrable(this ICurrentCaller caller, Team? team, string teamId, string action)
    {
        team = caller.EnsureVisible(team, teamId);
        if (caller.IsProxyAdmin() || team.IsAdmin(caller.UserId))
        {
            return team;
        }

        throw new ForbiddenAccessException($"Only proxy admins or admins of team {teamId} can {action}.");
    }

    public static bool IsTeamAdministrator(this ICurrentCaller caller, Team team) =>
        caller.IsProxyAdmin() || team.IsAdmin(caller.UserId);
}
