using ProxyAdmin.Application.Common.Idempotency;
using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models.Commands.CreateModel;

/// <summary>
/// <c>POST /model/new</c>: stores a deployment with every string parameter encrypted. With
/// <c>model_info.team_id</c> it becomes a team model: stored as <c>model_name_{team_id}_{uuid}</c>, its
/// public name added to the team's models and aliased, all in the same transaction. Only proxy admins attach a stored
/// credential (<c>litellm_params.litellm_credential_name</c>, <see cref="ModelCredentialRules"/>).
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record CreateModelCommand : ICommand<ModelDto>, IIdempotentCommand
{
    /// <summary>The public model name clients call.</summary>
    public required string ModelName { get; init; }

    /// <summary>Provider parameters; <c>model</c> is required, any other key is kept.</summary>
    public required JsonObject LitellmParams { get; init; }

    /// <summary>Free-form; <c>id</c> (a new uuid when absent) and <c>team_id</c> have a meaning.</summary>
    public JsonObject? ModelInfo { get; init; }
}

public sealed class CreateModelCommandValidator : AbstractValidator<CreateModelCommand>
{
    public CreateModelCommandValidator()
    {
        RuleFor(c => c.ModelName).NotEmpty().WithMessage("'model_name' is required.").MaximumLength(ModelDeployment.NameMaxLength);
        RuleFor(c => c.LitellmParams).NotNull().WithMessage("'litellm_params' is required.");
        RuleFor(c => c.LitellmParams)
            .Must(p => p["model"] is JsonValue model && model.TryGetValue<string>(out var name) && name.Trim().Length > 0)
            .When(c => c.LitellmParams is not null)
            .WithMessage("'litellm_params.model' is required: the provider model, e.g. 'openai/gpt-4o'.")
            .OverridePropertyName("litellm_params.model");
        RuleFor(c => c.ModelInfo).SetValidator(new ModelInfoValidator()!).When(c => c.ModelInfo is not null);
        RuleFor(c => c.LitellmParams).SetValidator(new ModelPricingValidator("litellm_params")!).When(c => c.LitellmParams is not null);
        RuleFor(c => c.LitellmParams).SetValidator(new ModelCredentialNameValidator()!).When(c => c.LitellmParams is not null);
        RuleFor(c => c.ModelInfo).SetValidator(new ModelPricingValidator("model_info")!).When(c => c.ModelInfo is not null);
        RuleFor(c => c.LitellmParams).JsonSize();
        RuleFor(c => c.ModelInfo).JsonSize();
    }
}

public sealed class CreateModelCommandHandler(
    IModelRepository models,
    IConfigModelCatalog configModels,
    ModelAccess access,
    ModelPresenter presenter,
    SealedValues sealedValues,
    ModelCredentialRules credentialRules,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    IModelAlerts alerts,
    ICurrentCaller caller,
    TimeProvider clock,
    ModelManagementSettings settings) : ICommandHandler<CreateModelCommand, ModelDto>
{
    public async ValueTask<ModelDto> Handle(CreateModelCommand command, CancellationToken cancellationToken)
    {
        if (!settings.StoreModelInDb)
        {
            throw new BadRequestException("Model writes are disabled: ProxyAdmin__StoreModelInDb is false, so only config models exist.");
        }

        var info = ModelInfoFields.Read(command.ModelInfo);
        var team = await access.EnsureCanWriteAsync(info.TeamId, teamMayBeGone: false, cancellationToken);
        if (info.Blocked == true)
        {
            // The same rule as PATCH: a team admin could otherwise create a model already blocked.
            access.EnsureCanChangeBlocked();
        }

        var modelId = info.Id ?? Guid.NewGuid().ToString();
        if (configModels.Find(modelId) is not null || await models.ExistsAsync(modelId, cancellationToken))
        {
            throw new ConflictException($"Model id = {modelId} already exists. Please use a different model_info.id.", "model_info.id");
        }

        var credential = await credentialRules.ChooseAsync(command.LitellmParams, stored: null, nullDetaches: false, cancellationToken);
        var stamp = caller.Stamp(clock);
        var model = ModelDeployment.Create(modelId, command.ModelName, sealedValues.Seal(credential.OtherParams!), command.ModelInfo, stamp);
        if (credential.Changes)
        {
            model.UseCredential(credential.CredentialName, stamp);
        }

        if (team is not null)
        {
            var teamBefore = team.ToDto();
            model.AssignToTeam(team.TeamId, command.ModelName, stamp);
            TeamModelLinks.Link(team, model, stamp);
            audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, teamBefore, team.ToDto());
        }

        models.Add(model);
        var created = presenter.Present(model);
        audit.Record(AuditAction.Created, AuditTables.Models, model.ModelId, before: null, after: created);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        unitOfWork.OnCommitted(() => alerts.ModelAdded(created));
        return created;
    }
}
