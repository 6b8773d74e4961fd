using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Common.Security;

/// <summary>Turns a presented API key into a caller, or into the reason it cannot be one.</summary>
public interface IApiKeyAuthenticator
{
    Task<AuthenticationOutcome> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken);
}

public sealed record AuthenticatedCaller(string UserId, UserRole Role, string ApiKeyHash);

/// <summary>Exactly one of <see cref="Caller"/> and <see cref="Failure"/> is set; the failure is safe to show.</summary>
public sealed record AuthenticationOutcome(AuthenticatedCaller? Caller, string? Failure)
{
    public static AuthenticationOutcome Success(AuthenticatedCaller caller) => new(caller, null);

    public static AuthenticationOutcome Fail(string reason) => new(null, reason);
}
