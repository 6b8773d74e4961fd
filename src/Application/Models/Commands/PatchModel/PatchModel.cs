using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Models.Commands.PatchModel;

/// <summary>
/// <c>PATCH /model/{model_id}/update</c>: a partial update. Omitted fields stay; sent parameters are
/// merged (strings encrypted); an explicit null clears only the pricing fields (from both blobs); only
/// proxy admins change <c>blocked</c>; a new <c>model_info.team_id</c> re-homes the model.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record PatchModelCommand : ICommand<ModelDto>
{
    /// <summary>From the route.</summary>
    public string ModelId { get; init; } = string.Empty;

    public string? ModelName { get; init; }
    public JsonObject? LitellmParams { get; init; }
    public JsonObject? ModelInfo { get; init; }
    public bool? Blocked { get; init; }
}

public sealed class PatchModelCommandValidator : AbstractValidator<PatchModelCommand>
{
    public PatchModelCommandValidator()
    {
        RuleFor(c => c.ModelId).NotEmpty().WithMessage("'model_id' is required.");
        RuleFor(c => c.ModelName).NotEmpty().When(c => c.ModelName is not null).MaximumLength(Domain.Models.ModelDeployment.NameMaxLength);
        RuleFor(c => c.ModelInfo).SetValidator(new ModelInfoValidator()!).When(c => c.ModelInfo is not null);
    }
}

public sealed class PatchModelCommandHandler(ModelUpdater updater) : ICommandHandler<PatchModelCommand, ModelDto>
{
    public async ValueTask<ModelDto> Handle(PatchModelCommand command, CancellationToken cancellationToken) =>
        await updater.UpdateAsync(
            command.ModelId,
            new ModelChanges(command.ModelName, command.LitellmParams, command.ModelInfo, command.Blocked, NullClearsPricing: true),
            cancellationToken);
}
