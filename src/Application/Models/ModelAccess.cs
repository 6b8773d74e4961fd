using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// Who may write a model: proxy admins; and, for a team model, the admins of that team (the seed's
/// rules and messages, without the premium gate). Viewers never reach here (their role may not write).
/// A write names its model the way a read does: whoever may not see the model is told what a missing
/// model tells, so neither its existence nor its owner leaks.
/// </summary>
public sealed class ModelAccess(
    ITeamRepository teams,
    IVirtualKeyRepository keys,
    IModelRepository models,
    IConfigModelCatalog configModels,
    ModelVisibility visibility,
    ICurrentCaller caller)
{
    /// <summary>
    /// The DB deployment <paramref name="modelId"/> names, tracked, if the caller may see it. A config model the
    /// caller may see is refused with <paramref name="configModelRefusal"/> (it cannot be written); anything else the
    /// caller may not see, or that does not exist, is <paramref name="notFound"/>.
    /// </summary>
    public async Task<ModelDeployment> FindWritableAsync(string modelId, Func<Exception> notFound, Func<Exception> configModelRefusal, CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(modelId, cancellationToken);
        if (model is null)
        {
            var config = configModels.Find(modelId);
            throw config is not null && await CanSeeAsync(config.TeamId, config.ModelName, cancellationToken) ? configModelRefusal() : notFound();
        }

        return await CanSeeAsync(model.TeamId, model.ModelName, cancellationToken) ? model : throw notFound();
    }

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
            return caller.IsProxyAdmin() ? throw new NotFoundException($"Team id={teamId} does not exist in db", "model_info.team_id") : throw await NotTeamAdminAsync(teamId, cancellationToken);
        }

        return team.IsAdministeredBy(caller.Principal) ? team : throw await NotTeamAdminAsync(teamId, cancellationToken);
    }

    /// <summary>Blocking a model, or unblocking it, is for proxy admins only, on create as on update.</summary>
    public void EnsureCanChangeBlocked()
    {
        if (!caller.IsProxyAdmin())
        {
            throw new ForbiddenAccessException("Only proxy admins can change a model's blocked flag.", "blocked");
        }
    }

    private async Task<bool> CanSeeAsync(string? teamId, string modelName, CancellationToken cancellationToken) =>
        (await visibility.ForCallerAsync(cancellationToken)).Allows(teamId, modelName);

    /// <summary>LiteLLM's refusal (<c>can_user_make_team_model_call</c>), naming the team of the key the caller presented.</summary>
    private async Task<ForbiddenAccessException> NotTeamAdminAsync(string teamId, CancellationToken cancellationToken)
    {
        var keyTeamId = (await keys.ReadByTokenAsync(caller.Principal.KeyToken, cancellationToken))?.TeamId ?? "None";
        return new ForbiddenAccessException(
            $"Team ID={teamId} does not match the API key's team ID={keyTeamId}, OR you are not the admin for this team. Check `/user/info` to verify your team admin status.");
    }
}
