using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Application.Keys;

/// <summary>A key's team must exist, and a non-admin may only attach keys to teams it belongs to.</summary>
public static class KeyTeamRules
{
    public static async Task EnsureTeamUsableAsync(this ITeamRepository teams, ICurrentCaller caller, string? teamId, CancellationToken cancellationToken)
    {
        if (teamId is null)
        {
            return;
        }

        var team = await teams.GetAsync(teamId, cancellationToken);
        if (team is null || !(caller.IsProxyAdmin() || team.IsMember(caller.UserId)))
        {
            throw TeamAccess.NotFound(teamId);
        }
    }
}
