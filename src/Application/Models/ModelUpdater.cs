using System.Text.Json.Nodes;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Models;

/// <summary>What a model update asks for; null parts are left as they are.</summary>
/// <param name="NullClearsPricing">PATCH: an explicit null clears the pricing fields of <see cref="ModelFields.ClearableByNull"/>. POST /model/update: nulls are ignored.</param>
public sealed record ModelChanges(string? ModelName, JsonObject? LitellmParams, JsonObject? ModelInfo, bool? Blocked, bool NullClearsPricing);

/// <summary>
/// The update both <c>PATCH /model/{id}/update</c> and <c>POST /model/update</c> perform: merge, never
/// drop, the stored parameters (new string values encrypted), merge model_info, rename, re-home to another
/// team, and keep both teams' model lists and aliases in step, audited in the same transaction.
/// </summary>
public sealed class ModelUpdater(
    IModelRepository models,
    IConfigModelCatalog configModels,
    ModelAccess access,
    TeamModelLinks links,
    ModelPresenter presenter,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock,
    ModelManagementSettings settings)
{
    public async Task<ModelDto> UpdateAsync(string modelId, ModelChanges changes, CancellationToken cancellationToken)
    {
        if (!settings.StoreModelInDb)
        {
            throw new BadRequestException("Model updates only supported for DB-stored models: ProxyAdmin__StoreModelInDb is false.");
        }

        var model = await models.GetAsync(modelId, cancellationToken)
            ?? throw (configModels.Find(modelId) is not null
                ? new BadRequestException("Cannot edit config-based model. Store model in DB via /model/new first.", "model_id")
                : new NotFoundException($"Model {modelId} not found on proxy.", "model_id"));

        var currentTeam = await access.EnsureCanWriteAsync(model.TeamId, teamMayBeGone: true, cancellationToken);
        var requestedTeamId = changes.ModelInfo?["team_id"] is JsonValue t && t.TryGetValue<string>(out var id) && id.Length > 0 ? id : null;
        Team? newTeam = null;
        if (requestedTeamId is not null && requestedTeamId != model.TeamId)
        {
            newTeam = await access.EnsureCanWriteAsync(requestedTeamId, teamMayBeGone: false, cancellationToken);
        }

        if (changes.Blocked is { } blocked && blocked != model.Blocked)
        {
            access.EnsureCanChangeBlocked();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = presenter.Present(model);
        var teamsBefore = new[] { currentTeam, newTeam }.OfType<Team>().ToDictionary(team => team.TeamId, team => team.ToDto());
        var (oldPublicName, oldInternalName) = (model.PublicName, model.ModelName);

        var clearing = new HashSet<string>(StringComparer.Ordinal);
        model.ReplaceParams(MergeParams(model.LitellmParams, changes, clearing), caller.UserId, now);
        model.ReplaceInfo(MergeInfo(model.ModelInfo, changes, clearing), caller.UserId, now);
        foreach (var name in clearing)
        {
            model.LitellmParams.Remove(name);
            model.ModelInfo.Remove(name);
        }

        if (changes.ModelName is { } newName && newName != model.PublicName)
        {
            model.Rename(newName, caller.UserId, now);
        }

        if (newTeam is not null)
        {
            model.AssignToTeam(newTeam.TeamId, model.PublicName, caller.UserId, now);
        }

        if (changes.Blocked is { } block)
        {
            model.SetBlocked(block, caller.UserId, now);
        }

        await RelinkTeamsAsync(model, currentTeam, newTeam, oldPublicName, oldInternalName, now, cancellationToken);

        var after = presenter.Present(model);
        audit.Record(AuditAction.Updated, AuditTables.Models, model.ModelId, before, after);
        foreach (var team in new[] { currentTeam, newTeam }.OfType<Team>())
        {
            audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, teamsBefore[team.TeamId], team.ToDto());
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }

    private async Task RelinkTeamsAsync(ModelDeployment model, Team? currentTeam, Team? newTeam, string oldPublicName, string oldInternalName, DateTime now, CancellationToken cancellationToken)
    {
        var renamedOrMoved = newTeam is not null || oldPublicName != model.PublicName;
        if (currentTeam is not null && renamedOrMoved)
        {
            await links.UnlinkAsync(currentTeam, model, oldPublicName, oldInternalName, caller.UserId, now, cancellationToken);
        }

        if ((newTeam ?? currentTeam) is { } owner && renamedOrMoved)
        {
            TeamModelLinks.Link(owner, model, caller.UserId, now);
        }
    }

    private JsonObject MergeParams(JsonObject stored, ModelChanges changes, HashSet<string> clearing)
    {
        var merged = (JsonObject)stored.DeepClone();
        foreach (var (name, value) in changes.LitellmParams ?? [])
        {
            if (value is null)
            {
                if (changes.NullClearsPricing && ModelFields.ClearableByNull.Contains(name))
                {
                    clearing.Add(name);
                }

                continue;
            }

            merged[name] = presenter.EncryptValue(name, value);
        }

        return merged;
    }

    private static JsonObject MergeInfo(JsonObject stored, ModelChanges changes, HashSet<string> clearing)
    {
        var merged = (JsonObject)stored.DeepClone();
        foreach (var (name, value) in changes.ModelInfo ?? [])
        {
            // The team columns follow team_id through AssignToTeam; a null never clears it.
            if (ModelFields.Derived.Contains(name) || name is "team_id" or "team_public_model_name" or "blocked")
            {
                continue;
            }

            if (value is null)
            {
                if (changes.NullClearsPricing && ModelFields.ClearableByNull.Contains(name))
                {
                    clearing.Add(name);
                }

                continue;
            }

            merged[name] = value.DeepClone();
        }

        return merged;
    }
}
