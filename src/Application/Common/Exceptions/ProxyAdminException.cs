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
