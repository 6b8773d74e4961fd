using FluentValidation.Validators;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>
/// A text that is absent or one of a fixed list, compared exactly (<see cref="RuleExtensions.OneOf"/>). The list is
/// readable from the validator's descriptor (<see cref="IAllowedValuesValidator"/>): the OpenAPI document shows it as
/// the field's <c>enum</c>.
/// </summary>
public sealed class AllowedValuesValidator<T>(IReadOnlyList<string> values) : PropertyValidator<T, string?>, IAllowedValuesValidator
{
    public override string Name => "AllowedValuesValidator";

    public IReadOnlyList<string> Values { get; } = values;

    public override bool IsValid(ValidationContext<T> context, string? value) => value is null || Values.Contains(value, StringComparer.Ordinal);

    protected override string GetDefaultMessageTemplate(string errorCode) => $"'{{PropertyName}}' must be one of: {string.Join(", ", Values)}.";
}
