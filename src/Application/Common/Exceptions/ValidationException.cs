namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>400 with one entry per invalid field, keyed by the snake_case wire name.</summary>
public sealed class ValidationException : ProxyAdminException
{
    public ValidationException(IReadOnlyList<FieldError> errors)
        : base(Summarize(errors), errors.Count > 0 ? errors[0].Param : null)
    {
        Errors = errors;
    }

    public IReadOnlyList<FieldError> Errors { get; }

    private static string Summarize(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? "The request is invalid." : string.Join(" ", errors.Select(e => e.Message));
}
