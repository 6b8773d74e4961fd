using FluentValidation.Validators;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>
/// A text that may be absent but, when sent, is not empty or only whitespace (<see cref="RuleExtensions.NotBlank"/>).
/// Unlike <c>NotEmpty().When(x is not null)</c>, whose condition no reader can see through, it is a length validator
/// with a minimum of 1, which the OpenAPI document shows as <c>minLength: 1</c>.
/// </summary>
public sealed class NotBlankValidator<T> : PropertyValidator<T, string?>, ILengthValidator
{
    public override string Name => "NotBlankValidator";

    public int Min => 1;

    public int Max => -1;

    public override bool IsValid(ValidationContext<T> context, string? value) => value is null || !string.IsNullOrWhiteSpace(value);

    protected override string GetDefaultMessageTemplate(string errorCode) => "'{PropertyName}' must not be empty.";
}
