using System.Security.Claims;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Api.Http;

/// <summary>The authenticated caller of the current HTTP request, for the application layer.</summary>
public sealed class HttpCurrentCaller(IHttpContextAccessor accessor) : ICurrentCaller
{
    private Principal? _stored;

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public bool IsAuthenticated => User?.Identity?.IsAuthenticated == true;

    /// <summary>The principal authentication made (<see cref="ApiKeyIdentity"/>), unless a stored one replaced it.</summary>
    public Principal Principal => _stored
        ?? (User?.Identity as ApiKeyIdentity)?.Principal
        ?? throw new UnauthenticatedException("No api key passed in.");

    public void UseStoredPrincipal(Principal stored) => _stored = stored;
}
