using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// Which deployments a caller may see. Admins and admin viewers see all. Everyone else sees the team
/// models of their teams (under public names) and the other models their key, their key's team and
/// their user row all allow (an empty list or <c>all-proxy-models</c> allows everything).
/// </summary>
/// <param name="AllowedNames">Null when every non-team model is allowed.</param>
public sealed record ModelScope(bool Everything, IReadOnlySet<string> TeamIds, IReadOnlySet<string>? AllowedNames)
{
    public static readonly ModelScope All = new(true, new HashSet<string>(), null);

    public bool Allows(string? teamId, string modelName) =>
        Everything || (teamId is not null ? TeamIds.Contains(teamId) : AllowedNames is null || AllowedNames.Contains(modelName));

    /// <summary>Non-admins know team models only by their public names.</summary>
    public bool ShowsPublicNames => !Everything;
}

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

/// <summary>The DB deployments a scope allows, optionally of one team and matching a search, oldest first.</summary>
public sealed class VisibleModels : Specification<ModelDeployment>
{
    public VisibleModels(ModelScope scope, string? teamId, string? search, (int Skip, int Take)? window = null)
    {
        if (!scope.Everything)
        {
            var teamIds = scope.TeamIds.ToList();
            if (scope.AllowedNames is { } names)
            {
                var allowedNames = names.ToList();
                Where(m => (m.TeamId != null && teamIds.Contains(m.TeamId)) || (m.TeamId == null && allowedNames.Contains(m.ModelName)));
            }
            else
            {
                Where(m => m.TeamId == null || teamIds.Contains(m.TeamId));
            }
        }

        if (teamId is not null)
        {
            Where(m => m.TeamId == teamId);
        }

        if (!string.IsNullOrEmpty(search))
        {
            Where(m => m.ModelName.Contains(search) || (m.TeamPublicModelName != null && m.TeamPublicModelName.Contains(search)));
        }

        OrderBy(m => m.CreatedAt);
        OrderBy(m => m.ModelId);
        if (window is { } w)
        {
            Window(w.Skip, w.Take);
        }
    }
}

/// <summary>Reads config and DB models together, as one list: config models first (by name), then DB models.</summary>
public sealed class VisibleModelReader(IReadRepository reads, IConfigModelCatalog configModels, ModelPresenter presenter)
{
    public IEnumerable<ConfigModel> ConfigModels(ModelScope scope, string? teamId, string? search) =>
        configModels.Models
            .Where(m => scope.Allows(m.TeamId, m.ModelName))
            .Where(m => teamId is null || m.TeamId == teamId)
            .Where(m => string.IsNullOrEmpty(search) || m.ModelName.Contains(search, StringComparison.Ordinal) || m.PublicName.Contains(search, StringComparison.Ordinal))
            .OrderBy(m => m.ModelName, StringComparer.Ordinal)
            .ThenBy(m => m.ModelId, StringComparer.Ordinal);

    public async Task<List<ModelDto>> AllAsync(ModelScope scope, string? teamId, CancellationToken cancellationToken)
    {
        var stored = await reads.ListAsync(new VisibleModels(scope, teamId, search: null), cancellationToken);
        return
        [
            .. ConfigModels(scope, teamId, search: null).Select(m => ModelPresenter.Present(m, scope.ShowsPublicNames)),
            .. stored.Select(m => presenter.Present(m, scope.ShowsPublicNames)),
        ];
    }
}
