using System.Text.Json;
using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// The custom pricing fields of <c>litellm_params</c> or <c>model_info</c> are numbers, as LiteLLM's
/// <c>CustomPricingLiteLLMParams</c> types them; a null is let through (on PATCH it clears the price). Always set as a
/// child validator, so its property names are relative to the blob (FluentValidation adds the prefix).
/// </summary>
public sealed class ModelPricingValidator : AbstractValidator<JsonObject>
{
    private static readonly string[] PricingFields =
        [.. ModelFields.MirroredPricing, .. ModelFields.ClearableByNull.Where(field => field.Contains("cost", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <param name="blob">The wire name of the validated blob, for the message.</param>
    public ModelPricingValidator(string blob)
    {
        foreach (var field in PricingFields.Distinct(StringComparer.Ordinal))
        {
            RuleFor(prices => prices)
                .Must(prices => prices[field] is null || prices[field]!.GetValueKind() == JsonValueKind.Number)
                .WithMessage($"'{blob}.{field}' must be a number: a price in USD.")
                .OverridePropertyName(field);
        }
    }
}
