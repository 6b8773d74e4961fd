using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>The field rules every feature shares, worded once.</summary>
public static class RuleExtensions
{
    public static IRuleBuilderOptions<T, double?> FiniteNonNegative<T>(this IRuleBuilder<T, double?> rule) =>
        rule.Must(value => value is null || (double.IsFinite(value.Value) && value.Value >= 0))
            .WithMessage("'{PropertyName}' must be a finite number greater than or equal to 0.");

    public static IRuleBuilderOptions<T, long?> NonNegative<T>(this IRuleBuilder<T, long?> rule) =>
        rule.Must(value => value is null or >= 0)
            .WithMessage("'{PropertyName}' must be greater than or equal to 0.");

    public static IRuleBuilderOptions<T, int?> NonNegative<T>(this IRuleBuilder<T, int?> rule) =>
        rule.Must(value => value is null or >= 0)
            .WithMessage("'{PropertyName}' must be greater than or equal to 0.");

    public static IRuleBuilderOptions<T, string?> Duration<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || BudgetDuration.IsValid(value))
            .WithMessage($"'{{PropertyName}}' must be {BudgetDuration.FormatDescription}.");

    /// <summary>Identifiers travel in URLs and audit rows: non-empty, bounded, no whitespace or control characters.</summary>
    public static IRuleBuilderOptions<T, string?> Identifier<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(value => value is null || (value.Length > 0 && value.Length <= maxLength && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            .WithMessage($"'{{PropertyName}}' must be 1 to {maxLength} characters without spaces or control characters.");

    public static IRuleBuilderOptions<T, List<string>?> NonBlankItems<T>(this IRuleBuilder<T, List<string>?> rule) =>
        rule.Must(values => values is null || values.TrueForAll(v => !string.IsNullOrWhiteSpace(v)))
            .WithMessage("'{PropertyName}' must not contain empty values.");

    public static IRuleBuilderOptions<T, int> ValidPage<T>(this IRuleBuilder<T, int> rule) =>
        rule.GreaterThanOrEqualTo(1).WithMessage("'{PropertyName}' must be 1 or greater.");

    public static IRuleBuilderOptions<T, int> ValidPageSize<T>(this IRuleBuilder<T, int> rule, int max = Models.Paging.MaxPageSize) =>
        rule.InclusiveBetween(1, max).WithMessage($"'{{PropertyName}}' must be between 1 and {max}.");
}
