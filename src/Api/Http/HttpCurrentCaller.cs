using System.Security.Principal;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Api.Http;

/// <summary>The authenticated caller of the current HTTP request, for the application layer.</summary>
/// <remarks>
/// The key's identity is remembered once found: <c>ClaimsPrincipal.Identity</c> walks the principal's identities (and
/// allocates an enumerator) on every call, and a request asks for the caller a dozen times. Nothing else is remembered,
/// so a question asked before authentication is asked again after it.
/// </remarks>
public sealed class HttpCurrentCaller(IHttpContextAccessor accessor) : ICurrentCaller
{
    private Principal? _stored;
    private ApiKeyIdentity? _identity;

    private IIdentity? Identity => _identity ?? Remember(accessor.HttpContext?.User?.Identity);

    public bool IsAuthenticated => Identity?.IsAuthenticated == true;

    /// <summary>The principal authentication made (<see cref="ApiKeyIdentity"/>), unless a stored one replaced it.</summary>
    public Principal Principal => _stored
        ?? (Identity as ApiKeyIdentity)?.Principal
        ?? throw new UnauthenticatedException("No api key passed in.");

    public void UseStoredPrincipal(Principal stored) => _stored = stored;

    private IIdentity? Remember(IIdentity? identity)
    {
        if (identity is ApiKeyIdentity key)
        {
            _identity = key;
        }

        return identity;
    }
}
