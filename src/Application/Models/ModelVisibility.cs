using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// Which deployments a caller may see. Admins and admin viewers see all. Everyone else sees the team
/// models of their teams (a service account: of its own team) under public names, and the other models
/// their key, their key's team and their user row all allow (an empty list or <c>all-proxy-models</c>
/// allows everything).
/// </summary>
public sealed class ModelVisibility(IVirtualKeyRepository keys, IUserRepository users, ITeamRepository teams, ICurrentCaller caller)
{
    public async Task<ModelScope> ForCallerAsync(CancellationToken cancellationToken)
    {
        if (caller.ReadsEverything())
        {
            return ModelScope.All;
        }

        var principal = caller.Principal;
        var key = await keys.ReadByTokenAsync(principal.KeyToken, cancellationToken);
        var user = principal.UserId is { } userId ? await users.GetAsync(userId, cancellationToken) : null;
        var keyTeam = key?.TeamId is { } keyTeamId ? await teams.GetAsync(keyTeamId, cancellationToken) : null;

        HashSet<string>? allowed = null;
        foreach (var list in new[] { key?.Models, keyTeam?.Models, user?.Models })
        {
            if (list is null || list.Count == 0 || list.Contains(SpecialValues.AllProxyModels))
            {
                continue;
            }

            allowed = allowed is null ? new HashSet<string>(list, StringComparer.Ordinal) : [.. allowed.Intersect(list)];
        }

        // A service account sees the team models of its own team, as a member would; it is a member of nothing.
        IReadOnlyCollection<string> teamIds = principal.UserId is { } memberId
            ? await teams.GetTeamIdsOfMemberAsync(memberId, cancellationToken)
            : principal.TeamId is { } serviceTeam ? [serviceTeam] : [];
        return new ModelScope(false, new HashSet<string>(teamIds, StringComparer.Ordinal), allowed);
    }
}
