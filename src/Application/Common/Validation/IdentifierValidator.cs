using FluentValidation.Validators;

namespace ProxyAdmin.Application.Common.Validation;

/// <summary>
/// An identifier (<see cref="RuleExtensions.Identifier"/>): absent, or 1 to <c>maxLength</c> characters without
/// whitespace or control characters. It is a length and a pattern validator, so that both bounds can be read from the
/// validator's descriptor: the OpenAPI document shows <c>minLength</c>, <c>maxLength</c> and <c>pattern</c>.
/// </summary>
public sealed class IdentifierValidator<T>(int maxLength) : PropertyValidator<T, string?>, ILengthValidator, IRegularExpressionValidator
{
    /// <summary>
    /// No character for which <see cref="char.IsWhiteSpace(char)"/> or <see cref="char.IsControl(char)"/> holds, spelled
    /// so that .NET and ECMAScript (JSON Schema's regex dialect) read it alike: the end is <c>(?![\s\S])</c>, not
    /// <c>$</c>, which .NET also matches before a final line feed.
    /// </summary>
    public const string Pattern = @"^[^\x00-\x20\x7F-\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*(?![\s\S])";

    public override string Name => "IdentifierValidator";

    public int Min => 1;

    public int Max => maxLength;

    public string Expression => Pattern;

    public override bool IsValid(ValidationContext<T> context, string? value) =>
        value is null || (value.Length > 0 && value.Length <= maxLength && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)));

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        $"'{{PropertyName}}' must be 1 to {maxLength} characters without spaces or control characters.";
}
