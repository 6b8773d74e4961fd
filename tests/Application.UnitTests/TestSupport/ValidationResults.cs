using FluentValidation;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

public static class ValidationResults
{
    /// <summary>The wire names of the fields <paramref name="validator"/> rejects in <paramref name="message"/>.</summary>
    public static List<string> InvalidFields<T>(this IValidator<T> validator, T message) =>
        validator.Validate(message).Errors.Select(e => e.PropertyName).ToList();

    public static List<string> Messages<T>(this IValidator<T> validator, T message) =>
        validator.Validate(message).Errors.Select(e => e.ErrorMessage).ToList();
}
