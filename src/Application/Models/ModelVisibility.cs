using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// Which deployments a caller may see. Admins and admin viewers see all. Everyone else sees the team
/// models of their teams (under public names) and the other models their key, their key's team and
/// their user row all allow (an empty list or <c>all-proxy-models</c> allows everything).
/// </summary>
public sealed class ModelVisibility(IVirtualKeyRepository keys, IUserRepository users, ITeamRepository teams, ICurrentCaller caller)
{
    public async Task<ModelScope> ForCallerAsync(CancellationToken cancellationToken)
    {
        if (caller.ReadsEverything())
        {
            return ModelScope.All;
        }

        var key = await keys.GetByTokenAsync(caller.ApiKeyHash, cancellationToken);
        var user = await users.GetAsync(caller.UserId, cancellationToken);
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

        var teamIds = await teams.GetTeamIdsOfMemberAsync(caller.UserId, cancellationToken);
        return new ModelScope(false, new HashSet<string>(teamIds, StringComparer.Ordinal), allowed);
    }
}
