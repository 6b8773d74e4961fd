using System.Globalization;
using FluentValidation.Validators;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>A list that is absent or holds at most <see cref="Max"/> items (<see cref="RuleExtensions.MaxMembers"/>), readable as <see cref="IMaxItemsValidator"/>.</summary>
public sealed class MaxItemsValidator<T, TItem>(int max) : PropertyValidator<T, List<TItem>?>, IMaxItemsValidator
{
    public override string Name => "MaxItemsValidator";

    public int Max { get; } = max;

    public override bool IsValid(ValidationContext<T> context, List<TItem>? value) => value is null || value.Count <= Max;

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        string.Create(CultureInfo.InvariantCulture, $"'{{PropertyName}}' may hold at most {Max:N0} entries: send more in further requests.");
}
