using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// Which deployments a caller, or the holder of any key, may see. Admins and admin viewers see all. Everyone else sees
/// the team models of their teams (a service account: of its own team) under public names, and the other models that
/// every level above their key allows (<see cref="KeyAccessChain"/>: the key, its team, project and organization, and
/// the user), each judged by the one rule, <see cref="Domain.Models.ModelAllowList"/>: names, wildcards, access groups,
/// <c>all-proxy-models</c>, an empty list allowing everything.
/// </summary>
public sealed class ModelVisibility(
    IVirtualKeyRepository keys,
    KeyAccessChains chains,
    ITeamRepository teams,
    IReadRepository reads,
    NonTeamModelCatalog catalog,
    ICurrentCaller caller)
{
    public Task<ModelScope> ForCallerAsync(CancellationToken cancellationToken) => ForAsync(caller.Principal, cancellationToken);

    /// <summary>What <paramref name="principal"/> may see, as it would be judged presenting its key.</summary>
    public async Task<ModelScope> ForAsync(Principal principal, CancellationToken cancellationToken)
    {
        if (principal.Role.ReadsEverything())
        {
            return ModelScope.All;
        }

        var key = await keys.ReadByTokenAsync(principal.KeyToken, cancellationToken);
        return await ForAsync(principal, await chains.ForAsync(key, principal.UserId, cancellationToken), cancellationToken);
    }

    /// <summary>What <paramref name="principal"/> may see, its key's <paramref name="chain"/> already loaded (<c>/key/explain</c> has it).</summary>
    public async Task<ModelScope> ForAsync(Principal principal, KeyAccessChain chain, CancellationToken cancellationToken)
    {
        if (principal.Role.ReadsEverything())
        {
            return ModelScope.All;
        }

        var allowed = chain.RestrictsNothing ? null : await AllowedNamesAsync(chain, cancellationToken);

        // A service account sees the team models of its own team, as a member would; it is a member of nothing.
        IReadOnlyCollection<string> teamIds = principal.UserId is { } memberId
            ? await teams.GetTeamIdsOfMemberAsync(memberId, cancellationToken)
            : principal.TeamId is { } serviceTeam ? [serviceTeam] : [];
        return new ModelScope(false, new HashSet<string>(teamIds, StringComparer.Ordinal), allowed);
    }

    /// <summary>
    /// The non-team model names every level allows. Access groups and wildcards are not names a database filter can
    /// match, so the names are judged here, each with the access groups of every deployment of that name (as LiteLLM's
    /// router gives a model name its groups), and the list of names is what the reads filter by.
    /// </summary>
    private async Task<HashSet<string>> AllowedNamesAsync(KeyAccessChain chain, CancellationToken cancellationToken) =>
        (await catalog.GetAsync(reads, cancellationToken))
            .Where(entry => chain.Allows(entry.Key, entry.Value))
            .Select(entry => entry.Key)
            .ToHashSet(StringComparer.Ordinal);
}
