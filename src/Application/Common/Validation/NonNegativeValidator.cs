using System.Globalization;
using System.Reflection;
using FluentValidation.Validators;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>
/// A number that is absent or at least 0, and finite when <c>finite</c> is set: the rule behind
/// <see cref="RuleExtensions.FiniteNonNegative"/> and <see cref="RuleExtensions.NonNegative{T}(IRuleBuilder{T, long?})"/>.
/// A comparison validator rather than a predicate, so that its bound can be read from the validator's descriptor:
/// the OpenAPI document shows it as <c>minimum: 0</c>.
/// </summary>
public sealed class NonNegativeValidator<T, TProperty>(bool finite) : PropertyValidator<T, TProperty>, IComparisonValidator
{
    public override string Name => "NonNegativeValidator";

    public Comparison Comparison => Comparison.GreaterThanOrEqual;

    public MemberInfo MemberToCompare => null!;

    public object ValueToCompare => 0;

    public override bool IsValid(ValidationContext<T> context, TProperty value)
    {
        if (value is null)
        {
            return true;
        }

        var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        return number >= 0 && (!finite || double.IsFinite(number));
    }

    protected override string GetDefaultMessageTemplate(string errorCode) => finite
        ? "'{PropertyName}' must be a finite number greater than or equal to 0."
        : "'{PropertyName}' must be greater than or equal to 0.";
}
