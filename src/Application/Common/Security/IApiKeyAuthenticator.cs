using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.Common.Security;

/// <summary>Turns a presented API key into a caller, or into the reason it cannot be one.</summary>
public interface IApiKeyAuthenticator
{
    Task<AuthenticationOutcome> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken);

    /// <summary>
    /// Judges the key behind <paramref name="principal"/> again from what the database holds now, bypassing every cache:
    /// run inside a command's transaction, it sees the key, its user's role and its team as the write will find them.
    /// </summary>
    Task<AuthenticationOutcome> ReauthenticateAsync(Principal principal, CancellationToken cancellationToken);
}
