using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Models.Commands.UpdateModel;

/// <summary>
/// <c>POST /model/update</c> (LiteLLM's older update, id in <c>model_info.id</c>): merges
/// <c>litellm_params</c> keeping every stored key that is not sent (LiteLLM dropped them, #35842);
/// nulls are ignored. The same update as <c>PATCH /model/{model_id}/update</c>, in LiteLLM's other wire form.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
[UnstoredFields("blocked")]
public sealed record UpdateModelCommand : ICommand<ModelDto>
{
    /// <summary>
    /// A new name as clients call the model (a team model's public name). The name a read shows, or a team
    /// deployment's internal <c>model_name_{team_id}_…</c> name, is no rename: edit forms send those back unchanged.
    /// </summary>
    public string? ModelName { get; init; }
    public JsonObject? LitellmParams { get; init; }
    public required JsonObject ModelInfo { get; init; }
}

/// <summary>
/// <c>PATCH /model/{model_id}/update</c>: a partial update of the model named in the route. Omitted fields stay;
/// sent parameters are merged (strings encrypted); an explicit null clears only the pricing fields (from both
/// blobs); only proxy admins change <c>blocked</c>; a new <c>model_info.team_id</c> re-homes the model.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record PatchModelCommand(string ModelId, PatchModelRequest Changes) : ICommand<ModelDto>;

/// <summary>
/// The body of <c>PATCH /model/{model_id}/update</c> (the model is named by the route): omitted fields stay; sent
/// parameters are merged (strings encrypted); an explicit null clears only the pricing fields (from both blobs);
/// only proxy admins change <c>blocked</c>; a new <c>model_info.team_id</c> re-homes the model.
/// </summary>
public sealed record PatchModelRequest
{
    /// <summary>
    /// A new name as clients call the model (a team model's public name). The name a read shows, or a team
    /// deployment's internal <c>model_name_{team_id}_…</c> name, is no rename: edit forms send those back unchanged.
    /// </summary>
    public string? ModelName { get; init; }
    public JsonObject? LitellmParams { get; init; }
    public JsonObject? ModelInfo { get; init; }
    public bool? Blocked { get; init; }
}

public sealed class UpdateModelCommandValidator : AbstractValidator<UpdateModelCommand>
{
    public UpdateModelCommandValidator()
    {
        RuleFor(c => c.ModelInfo).NotNull().WithMessage("model_info not provided: send the model's id as model_info.id.");
        RuleFor(c => c.ModelInfo)
            .Must(info => ModelInfoFields.Read(info).Id is not null)
            .When(c => c.ModelInfo is not null)
            .WithMessage("model_info.id not provided: it names the model to update.")
            .OverridePropertyName("model_info.id");
        RuleFor(c => c.ModelName).NotBlank().MaximumLength(ModelDeployment.NameMaxLength);
        RuleFor(c => c.ModelInfo).SetValidator(new ModelInfoValidator()!).When(c => c.ModelInfo is not null);
        RuleFor(c => c.LitellmParams).SetValidator(new ModelPricingValidator("litellm_params")!).When(c => c.LitellmParams is not null);
        RuleFor(c => c.LitellmParams).SetValidator(new ModelCredentialNameValidator()!).When(c => c.LitellmParams is not null);
        RuleFor(c => c.ModelInfo).SetValidator(new ModelPricingValidator("model_info")!).When(c => c.ModelInfo is not null);
        RuleFor(c => c.LitellmParams).JsonSize();
        RuleFor(c => c.ModelInfo).JsonSize();
    }
}

public sealed class PatchModelCommandValidator : AbstractValidator<PatchModelCommand>
{
    public PatchModelCommandValidator()
    {
        RuleFor(c => c.ModelId).NotEmpty().WithMessage("'model_id' is required.");
        RuleFor(c => c.Changes.ModelName).NotBlank().MaximumLength(ModelDeployment.NameMaxLength);
        RuleFor(c => c.Changes.ModelInfo).SetValidator(new ModelInfoValidator()!).When(c => c.Changes.ModelInfo is not null);
        RuleFor(c => c.Changes.LitellmParams).SetValidator(new ModelPricingValidator("litellm_params")!).When(c => c.Changes.LitellmParams is not null);
        RuleFor(c => c.Changes.LitellmParams).SetValidator(new ModelCredentialNameValidator()!).When(c => c.Changes.LitellmParams is not null);
        RuleFor(c => c.Changes.ModelInfo).SetValidator(new ModelPricingValidator("model_info")!).When(c => c.Changes.ModelInfo is not null);
        RuleFor(c => c.Changes.LitellmParams).JsonSize();
        RuleFor(c => c.Changes.ModelInfo).JsonSize();
    }
}

/// <summary>
/// The one model update, whichever route asked for it: merge, never drop, the stored parameters (new string values
/// encrypted), merge model_info, rename, re-home to another team, and keep both teams' model lists and aliases in
/// step, audited in the same transaction.
/// </summary>
public sealed class UpdateModelCommandHandler(
    ModelAccess access,
    TeamModelLinks links,
    ModelPresenter presenter,
    SealedValues sealedValues,
    ModelCredentialRules credentialRules,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock,
    ModelManagementSettings settings,
    EntityTags tags)
    : ICommandHandler<UpdateModelCommand, ModelDto>, ICommandHandler<PatchModelCommand, ModelDto>
{
    public async ValueTask<ModelDto> Handle(UpdateModelCommand command, CancellationToken cancellationToken) =>
        await UpdateAsync(
            ModelInfoFields.Read(command.ModelInfo).Id!,
            new PatchModelRequest { ModelName = command.ModelName, LitellmParams = command.LitellmParams, ModelInfo = command.ModelInfo },
            nullClearsPricing: false,
            cancellationToken);

    public async ValueTask<ModelDto> Handle(PatchModelCommand command, CancellationToken cancellationToken) =>
        await UpdateAsync(command.ModelId, command.Changes, nullClearsPricing: true, cancellationToken);

    /// <param name="nullClearsPricing">PATCH: an explicit null clears the pricing fields of <see cref="ModelFields.ClearableByNull"/>. POST /model/update: nulls are ignored.</param>
    private async Task<ModelDto> UpdateAsync(string modelId, PatchModelRequest changes, bool nullClearsPricing, CancellationToken cancellationToken)
    {
        if (!settings.StoreModelInDb)
        {
            throw new BadRequestException("Model updates only supported for DB-stored models: ProxyAdmin__StoreModelInDb is false.");
        }

        var model = await access.FindWritableAsync(
            modelId,
            () => NotFound(modelId),
            () => new BadRequestException("Cannot edit config-based model. Store model in DB via /model/new first.", "model_id"),
            cancellationToken);

        var currentTeam = await access.EnsureCanWriteAsync(model.TeamId, teamMayBeGone: true, cancellationToken);
        tags.EnsureCurrent(AuditTables.Models, model.ModelId, model.Version);
        Team? newTeam = null;
        if (ModelInfoFields.Read(changes.ModelInfo).TeamId is { } requestedTeamId && requestedTeamId != model.TeamId)
        {
            newTeam = await access.EnsureCanWriteAsync(requestedTeamId, teamMayBeGone: false, cancellationToken);
        }

        if (changes.Blocked is { } blocked && blocked != model.Blocked)
        {
            access.EnsureCanChangeBlocked();
        }

        var stamp = caller.Stamp(clock);
        var before = presenter.Present(model);
        var teamsBefore = new[] { currentTeam, newTeam }.OfType<Team>().ToDictionary(team => team.TeamId, team => team.ToDto());
        var (oldPublicName, oldInternalName) = (model.PublicName, model.ModelName);

        // The name the model uses now: its column, or the sealed parameter of a row written before credentials existed.
        var storedCredential = before.LitellmParams[ModelFields.CredentialName] is JsonValue storedName && storedName.TryGetValue<string>(out var name) ? name : null;
        var credential = await credentialRules.ChooseAsync(changes.LitellmParams, storedCredential, nullDetaches: nullClearsPricing, cancellationToken);

        model.MergeChanges(sealedValues.SealChanges(credential.OtherParams), changes.ModelInfo, nullClearsPricing, stamp);
        if (credential.Changes)
        {
            model.UseCredential(credential.CredentialName, stamp);
        }

        if (changes.ModelName is { } newName && model.IsRenamedBy(newName, newTeam?.TeamId))
        {
            model.Rename(newName, stamp);
        }

        if (newTeam is not null)
        {
            model.AssignToTeam(newTeam.TeamId, model.PublicName, stamp);
        }

        if (changes.Blocked is { } block)
        {
            model.SetBlocked(block, stamp);
        }

        var relinked = await RelinkTeamsAsync(model, currentTeam, newTeam, oldPublicName, oldInternalName, stamp, cancellationToken);

        var after = presenter.Present(model);
        audit.Record(AuditAction.Updated, AuditTables.Models, model.ModelId, before, after);
        foreach (var team in relinked ? new[] { currentTeam, newTeam }.OfType<Team>() : [])
        {
            audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, teamsBefore[team.TeamId], team.ToDto());
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        tags.Answer(AuditTables.Models, model.ModelId, model.Version);
        return after;
    }

    /// <summary>Both LiteLLM texts a client may match on: PATCH's <c>Model … not found on proxy.</c> and /model/update's <c>model not found</c>.</summary>
    private static NotFoundException NotFound(string modelId) =>
        new($"Model {modelId} not found on proxy: model not found in db or config.", "model_id");

    /// <returns>Whether the teams' lists were touched: an update that neither renames nor moves the model leaves them, and their audit, alone.</returns>
    private async Task<bool> RelinkTeamsAsync(ModelDeployment model, Team? currentTeam, Team? newTeam, string oldPublicName, string oldInternalName, AuditStamp stamp, CancellationToken cancellationToken)
    {
        var renamedOrMoved = newTeam is not null || oldPublicName != model.PublicName;
        if (!renamedOrMoved)
        {
            return false;
        }

        if (currentTeam is not null)
        {
            await links.UnlinkAsync(currentTeam, model, oldPublicName, oldInternalName, stamp, cancellationToken);
        }

        if ((newTeam ?? currentTeam) is { } owner)
        {
            TeamModelLinks.Link(owner, model, stamp);
        }

        return true;
    }
}
