using System.Text.Json;
using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>The field rules every feature shares, worded once.</summary>
public static class RuleExtensions
{
    // The bounds below are validators of their own (NonNegativeValidator, IdentifierValidator …), not predicates: the
    // OpenAPI document reads them from the validators' descriptors as minimum, maxLength, pattern and enum.
    public static IRuleBuilderOptions<T, double?> FiniteNonNegative<T>(this IRuleBuilder<T, double?> rule) =>
        rule.SetValidator(new NonNegativeValidator<T, double?>(finite: true));

    /// <summary>
    /// The soft budget stays strictly below the max budget sent with it (<see cref="BudgetRules"/>). Non-finite values
    /// are left to the rules that refuse them, so each bad value is reported once.
    /// </summary>
    public static IRuleBuilderOptions<T, double?> SoftBelowMax<T>(this IRuleBuilder<T, double?> rule, Func<T, double?> maxBudget) =>
        rule.Must((request, soft) => soft is not { } s || !double.IsFinite(s) || maxBudget(request) is not { } max || !double.IsFinite(max) || BudgetRules.IsSoftBelowMax(s, max))
            .WithMessage((request, soft) => BudgetRules.SoftNotBelowMaxMessage(soft, maxBudget(request)));

    public static IRuleBuilderOptions<T, long?> NonNegative<T>(this IRuleBuilder<T, long?> rule) =>
        rule.SetValidator(new NonNegativeValidator<T, long?>(finite: false));

    public static IRuleBuilderOptions<T, int?> NonNegative<T>(this IRuleBuilder<T, int?> rule) =>
        rule.SetValidator(new NonNegativeValidator<T, int?>(finite: false));

    /// <summary>Absent or at least 0; infinity passes (a rule before it that refuses non-finite numbers says so first).</summary>
    public static IRuleBuilderOptions<T, double?> NonNegative<T>(this IRuleBuilder<T, double?> rule) =>
        rule.SetValidator(new NonNegativeValidator<T, double?>(finite: false));

    /// <summary>Absent, or not empty and not only whitespace.</summary>
    public static IRuleBuilderOptions<T, string?> NotBlank<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new NotBlankValidator<T>());

    /// <summary>Absent, or exactly one of <paramref name="values"/>.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, IReadOnlyList<string> values) =>
        rule.SetValidator(new AllowedValuesValidator<T>(values));

    public static IRuleBuilderOptions<T, string?> Duration<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || BudgetDuration.IsValid(value))
            .WithMessage($"'{{PropertyName}}' must be {BudgetDuration.FormatDescription}.");

    /// <summary>
    /// Per-model budgets: each model name maps to an amount, or to settings whose <c>max_budget</c>,
    /// <c>soft_budget</c>, <c>tpm_limit</c> and <c>rpm_limit</c> are amounts and whose <c>budget_duration</c> is a
    /// duration (null removes a model's entry). An amount is a finite JSON number greater than or equal to 0.
    /// </summary>
    public static IRuleBuilderOptions<T, JsonObject?> ValidModelMaxBudget<T>(this IRuleBuilder<T, JsonObject?> rule) =>
        rule.Must(budgets => budgets is null || budgets.All(pair => !string.IsNullOrWhiteSpace(pair.Key) && IsModelBudget(pair.Value)))
            .WithMessage("'{PropertyName}' must map model names to a finite number greater than or equal to 0, or to an object whose max_budget, soft_budget, tpm_limit and rpm_limit are such numbers and whose budget_duration is " + BudgetDuration.FormatDescription + ".");

    private static bool IsModelBudget(JsonNode? node) => node switch
    {
        null => true, // removes the model's budget on update
        JsonValue amount => IsAmount(amount),
        JsonObject settings => settings.All(setting => setting.Value is null || setting.Key switch
        {
            "max_budget" or "soft_budget" or "tpm_limit" or "rpm_limit" => setting.Value is JsonValue amount && IsAmount(amount),
            "budget_duration" => setting.Value is JsonValue text && text.TryGetValue<string>(out var duration) && BudgetDuration.IsValid(duration),
            _ => true,
        }),
        _ => false,
    };

    private static bool IsAmount(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var amount) && double.IsFinite(amount) && amount >= 0;

    /// <summary>A free-form JSON value of at most <see cref="RequestBounds.MaxJsonBytes"/> bytes as compact JSON.</summary>
    public static IRuleBuilderOptions<T, TNode?> JsonSize<T, TNode>(this IRuleBuilder<T, TNode?> rule)
        where TNode : JsonNode =>
        rule.SetValidator(new JsonSizeValidator<T, TNode>(RequestBounds.MaxJsonBytes));

    /// <summary>A list of members of at most <see cref="RequestBounds.MaxMembers"/> entries.</summary>
    public static IRuleBuilderOptions<T, List<TItem>?> MaxMembers<T, TItem>(this IRuleBuilder<T, List<TItem>?> rule) =>
        rule.SetValidator(new MaxItemsValidator<T, TItem>(RequestBounds.MaxMembers));

    /// <summary>Identifiers travel in URLs and audit rows: non-empty, bounded, no whitespace or control characters.</summary>
    public static IRuleBuilderOptions<T, string?> Identifier<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.SetValidator(new IdentifierValidator<T>(maxLength));

    /// <summary>A user id that may become a user, an owner or a member: none of <see cref="ReservedUserIds"/>.</summary>
    public static IRuleBuilderOptions<T, string?> NotReservedUserId<T>(this IRuleBuilder<T, string?> rule, string field) =>
        rule.Must(value => !ReservedUserIds.IsReserved(value))
            .WithMessage((_, value) => ReservedUserIds.Refusal(value!, field));

    public static IRuleBuilderOptions<T, List<string>?> NonBlankItems<T>(this IRuleBuilder<T, List<string>?> rule) =>
        rule.Must(values => values is null || values.TrueForAll(v => !string.IsNullOrWhiteSpace(v)))
            .WithMessage("'{PropertyName}' must not contain empty values.");

    public static IRuleBuilderOptions<T, int> ValidPage<T>(this IRuleBuilder<T, int> rule) =>
        rule.GreaterThanOrEqualTo(1).WithMessage("'{PropertyName}' must be 1 or greater.");

    /// <summary>An optional 1-based page: absent means the first, or the cursor's position when <c>after</c> is sent.</summary>
    public static IRuleBuilderOptions<T, int?> ValidPage<T>(this IRuleBuilder<T, int?> rule) =>
        rule.GreaterThanOrEqualTo(1).WithMessage("'{PropertyName}' must be 1 or greater.");

    /// <summary>
    /// <c>after</c>: a cursor of bounded length, and never together with <c>page</c> (which one would win is a guess a
    /// client should not have to make). Whether it is a cursor of this list and these filters is the handler's check.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> ValidCursor<T>(this IRuleBuilder<T, string?> rule, Func<T, int?> page) =>
        rule.MaximumLength(Paging.PageCursor.MaxLength)
            .WithMessage("'after' is not a cursor this list returned for the same filters and sort.")
            .Must((query, after) => after is null || page(query) is null)
            .WithMessage("'after' and 'page' cannot be sent together: page by one or the other.");

    public static IRuleBuilderOptions<T, int> ValidPageSize<T>(this IRuleBuilder<T, int> rule, int max = Paging.PageSizes.Max) =>
        rule.InclusiveBetween(1, max).WithMessage($"'{{PropertyName}}' must be between 1 and {max}.");
}
