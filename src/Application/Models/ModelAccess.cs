using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// Who may write a model: proxy admins; and, for a team model, the admins of that team (the seed's
/// rules and messages, without the premium gate). Viewers never reach here (their role may not write).
/// </summary>
public sealed class ModelAccess(ITeamRepository teams, ICurrentCaller caller)
{
    /// <summary>The model's team, loaded and authorized, or null for a model without a (living) team.</summary>
    public async Task<Team?> EnsureCanWriteAsync(string? teamId, bool teamMayBeGone, CancellationToken cancellationToken)
    {
        if (teamId is null)
        {
            return caller.IsProxyAdmin()
                ? null
                : throw new ForbiddenAccessException(
                    $"User does not have permission to make this model call. Your role={RoleNames.ToWire(caller.Principal.Role)}. You can only make model calls if you are a PROXY_ADMIN or if you are a team admin, by specifying a team_id in the model_info.");
        }

        var team = await teams.GetAsync(teamId, cancellationToken);
        if (team is null)
        {
            if (teamMayBeGone)
            {
                return caller.IsProxyAdmin()
                    ? null
                    : throw new ForbiddenAccessException("Only a proxy admin can delete a model whose team has been deleted.");
            }

            // Only a proxy admin learns that the team does not exist; anyone else gets the same refusal as for a foreign team.
            return caller.IsProxyAdmin() ? throw new NotFoundException($"Team id={teamId} does not exist in db", "model_info.team_id") : throw NotTeamAdmin(teamId);
        }

        return team.IsAdministeredBy(caller.Principal) ? team : throw NotTeamAdmin(teamId);
    }

    /// <summary>Blocking a model, or unblocking it, is for proxy admins only, on create as on update.</summary>
    public void EnsureCanChangeBlocked()
    {
        if (!caller.IsProxyAdmin())
        {
            throw new ForbiddenAccessException("Only proxy admins can change a model's blocked flag.");
        }
    }

    private static ForbiddenAccessException NotTeamAdmin(string teamId) =>
        new($"Team ID={teamId}: you are not an admin of this team, so you cannot manage its models. Check `/user/info` to verify your team admin status.");
}
