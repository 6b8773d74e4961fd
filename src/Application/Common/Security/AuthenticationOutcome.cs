namespace ProxyAdmin.Application.Common.Security;

/// <summary>Exactly one of <see cref="Caller"/> and <see cref="Failure"/> is set; the failure is safe to show.</summary>
public sealed record AuthenticationOutcome(AuthenticatedCaller? Caller, string? Failure)
{
    public static AuthenticationOutcome Success(AuthenticatedCaller caller) => new(caller, null);

    public static AuthenticationOutcome Fail(string reason) => new(null, reason);
}
