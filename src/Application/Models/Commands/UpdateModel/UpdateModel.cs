using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Models.Commands.UpdateModel;

/// <summary>
/// <c>POST /model/update</c> (LiteLLM's older update, id in <c>model_info.id</c>): merges
/// <c>litellm_params</c> keeping every stored key that is not sent (LiteLLM dropped them, #35842);
/// nulls are ignored.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record UpdateModelCommand : ICommand<ModelDto>
{
    public string? ModelName { get; init; }
    public JsonObject? LitellmParams { get; init; }
    public required JsonObject ModelInfo { get; init; }
}

public sealed class UpdateModelCommandValidator : AbstractValidator<UpdateModelCommand>
{
    public UpdateModelCommandValidator()
    {
        RuleFor(c => c.ModelInfo).NotNull().WithMessage("model_info not provided: send the model's id as model_info.id.");
        RuleFor(c => c.ModelInfo)
            .Must(info => ModelInfoValidator.Id(info) is not null)
            .When(c => c.ModelInfo is not null)
            .WithMessage("model_info.id not provided: it names the model to update.")
            .OverridePropertyName("model_info.id");
        RuleFor(c => c.ModelName).NotEmpty().When(c => c.ModelName is not null).MaximumLength(Domain.Models.ModelDeployment.NameMaxLength);
        RuleFor(c => c.ModelInfo).SetValidator(new ModelInfoValidator()!).When(c => c.ModelInfo is not null);
    }
}

public sealed class UpdateModelCommandHandler(ModelUpdater updater) : ICommandHandler<UpdateModelCommand, ModelDto>
{
    public async ValueTask<ModelDto> Handle(UpdateModelCommand command, CancellationToken cancellationToken) =>
        await updater.UpdateAsync(
            ModelInfoValidator.Id(command.ModelInfo)!,
            new ModelChanges(command.ModelName, command.LitellmParams, command.ModelInfo, Blocked: null, NullClearsPricing: false),
            cancellationToken);
}
