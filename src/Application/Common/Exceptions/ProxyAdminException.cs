namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>
/// An expected failure with a message that is safe to show the caller. The API maps each subtype to
/// one HTTP status and error type; anything else is an unexpected 500 whose details stay in the log.
/// </summary>
public abstract class ProxyAdminException(string message, string? param = null) : Exception(message)
{
    /// <summary>The snake_case request field the failure is about, when there is one.</summary>
    public string? Param { get; } = param;
}

/// <summary>400: the request is well-formed but asks for something the rules forbid.</summary>
public sealed class BadRequestException(string message, string? param = null) : ProxyAdminException(message, param);

/// <summary>401: no caller could be established.</summary>
public sealed class UnauthenticatedException(string message) : ProxyAdminException(message);

/// <summary>403: a known caller asked for something its role does not allow.</summary>
public sealed class ForbiddenAccessException(string message) : ProxyAdminException(message);

/// <summary>404: the thing does not exist, or the caller may not know that it does.</summary>
public sealed class NotFoundException(string message, string? param = null) : ProxyAdminException(message, param);

/// <summary>409: a duplicate identifier or a concurrent change.</summary>
public class ConflictException(string message, string? param = null) : ProxyAdminException(message, param);

/// <summary>
/// 409: the row changed between this command's read and its write. The transaction behaviour retries
/// the command against the fresh row a few times before letting this reach the caller.
/// </summary>
public sealed class ConcurrencyConflictException(string message) : ConflictException(message);

/// <summary>
/// 503: the database stayed busy (locked by other writers, or chose this command as a deadlock victim) through
/// every retry. Nothing was written; the same request can simply be sent again.
/// </summary>
public sealed class ServiceBusyException(string message) : ProxyAdminException(message);

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

/// <summary>One invalid field: <paramref name="Param"/> is its snake_case wire name.</summary>
public sealed record FieldError(string Param, string Message);
