using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// The few keys of the free-form <c>model_info</c> that carry meaning must have their types
/// (<see cref="ModelInfoFields"/>). Always set as the child validator of <c>model_info</c>, so its property names
/// are relative to it (FluentValidation adds the prefix).
/// </summary>
public sealed class ModelInfoValidator : AbstractValidator<JsonObject>
{
    public ModelInfoValidator()
    {
        RuleFor(info => info)
            .Must(info => !ModelInfoFields.HasInvalid(info, ModelInfoFields.IdKey) && (ModelInfoFields.Read(info).Id?.Length ?? 0) <= ModelDeployment.IdMaxLength)
            .WithMessage($"'model_info.id' must be a string or whole number of 1 to {ModelDeployment.IdMaxLength} characters.")
            .OverridePropertyName(ModelInfoFields.IdKey);
        RuleFor(info => info)
            .Must(info => !ModelInfoFields.HasInvalid(info, ModelInfoFields.TeamIdKey))
            .WithMessage("'model_info.team_id' must be a non-empty string.")
            .OverridePropertyName(ModelInfoFields.TeamIdKey);
        RuleFor(info => info)
            .Must(info => !ModelInfoFields.HasInvalid(info, ModelInfoFields.BlockedKey))
            .WithMessage("'model_info.blocked' must be true or false.")
            .OverridePropertyName(ModelInfoFields.BlockedKey);
    }
}
