using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// The model names a caller may call, as <c>/models</c> lists them and <c>/models/{model_id}</c> finds them: the names
/// of the deployments the caller may see, team models under their public names (an internal
/// <c>model_name_{team_id}_…</c> name is never listed, LiteLLM PR #30572), each name once, sorted; a name all of whose
/// deployments are blocked is hidden, as LiteLLM's <c>get_fully_blocked_model_names</c> hides paused models.
/// </summary>
public sealed class CallableModels(ModelVisibility visibility, VisibleModelReader reader)
{
    /// <param name="teamId">Only the models of this team, when given.</param>
    public async Task<IReadOnlyList<CallableModel>> ForCallerAsync(string? teamId, CancellationToken cancellationToken) =>
        await InAsync(await visibility.ForCallerAsync(cancellationToken), teamId, cancellationToken);

    /// <summary>The names a scope may call (<see cref="ModelVisibility.ForAsync(ProxyAdmin.Domain.Common.Principal, KeyAccessChain, CancellationToken)"/>: any key's, for <c>/key/explain</c>).</summary>
    /// <param name="teamId">Only the models of this team, when given.</param>
    public async Task<IReadOnlyList<CallableModel>> InAsync(ModelScope scope, string? teamId, CancellationToken cancellationToken)
    {
        var deployments = await reader.AllAsync(scope, teamId, cancellationToken);
        return deployments
            .Where(model => !HasOnlyAnInternalName(model))
            .GroupBy(model => model.ModelName, StringComparer.Ordinal)
            .Where(group => !group.All(model => model.Blocked))
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new CallableModel(group.Key, group.ToList()))
            .ToList();
    }

    /// <summary>A team deployment whose public name is unknown (a legacy row) shows its internal name, which is never a name to call.</summary>
    private static bool HasOnlyAnInternalName(ModelDto model) =>
        ModelInfoFields.Read(model.ModelInfo).TeamId is { } teamId && ModelDeployment.IsTeamInternalName(teamId, model.ModelName);
}
