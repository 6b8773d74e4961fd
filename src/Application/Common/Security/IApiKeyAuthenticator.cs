namespace ProxyAdmin.Application.Common.Security;

/// <summary>Turns a presented API key into a caller, or into the reason it cannot be one.</summary>
public interface IApiKeyAuthenticator
{
    Task<AuthenticationOutcome> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken);
}
