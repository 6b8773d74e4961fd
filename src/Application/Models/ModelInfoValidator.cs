using System.Globalization;
using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// The few keys of the free-form <c>model_info</c> that carry meaning, and their types. Always set as the child
/// validator of <c>model_info</c>, so its property names are relative to it (FluentValidation adds the prefix).
/// </summary>
public sealed class ModelInfoValidator : AbstractValidator<JsonObject>
{
    public ModelInfoValidator()
    {
        RuleFor(info => info)
            .Must(info => info["id"] is null || Id(info) is { Length: > 0 and <= ModelDeployment.IdMaxLength })
            .WithMessage($"'model_info.id' must be a string or whole number of 1 to {ModelDeployment.IdMaxLength} characters.")
            .OverridePropertyName("id");
        RuleFor(info => info)
            .Must(info => info["team_id"] is null || TeamId(info) is not null)
            .WithMessage("'model_info.team_id' must be a non-empty string.")
            .OverridePropertyName("team_id");
        RuleFor(info => info)
            .Must(info => info["blocked"] is null || Blocked(info) is not null)
            .WithMessage("'model_info.blocked' must be true or false.")
            .OverridePropertyName("blocked");
    }

    /// <summary><c>model_info.id</c> as a string; LiteLLM accepts whole numbers too.</summary>
    public static string? Id(JsonObject info) => info["id"] switch
    {
        JsonValue v when v.TryGetValue<string>(out var text) => text.Trim().Length == 0 ? null : text,
        JsonValue v when v.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary><c>model_info.blocked</c> when it is a boolean.</summary>
    public static bool? Blocked(JsonObject info) =>
        info["blocked"] is JsonValue v && v.TryGetValue<bool>(out var blocked) ? blocked : null;

    public static string? TeamId(JsonObject info) =>
        info["team_id"] is JsonValue v && v.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text : null;
}
