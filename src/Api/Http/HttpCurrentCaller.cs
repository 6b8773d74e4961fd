using System.Security.Claims;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Api.Http;

/// <summary>The authenticated caller of the current HTTP request, for the application layer.</summary>
public sealed class HttpCurrentCaller(IHttpContextAccessor accessor) : ICurrentCaller
{
    private Principal? _stored;

    // Built once per request: the pipeline's behaviours, filters and handler each ask, and the claims do not change.
    private Principal? _restored;

    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public bool IsAuthenticated => User?.Identity?.IsAuthenticated == true;

    public Principal Principal => _stored ?? (_restored ??= Principal.Restore(
        Enum.Parse<PrincipalKind>(Claim(ApiKeyAuthenticationHandler.KindClaim)),
        User?.FindFirst(ApiKeyAuthenticationHandler.UserIdClaim)?.Value,
        Enum.Parse<UserRole>(Claim(ApiKeyAuthenticationHandler.RoleClaim)),
        Claim(ApiKeyAuthenticationHandler.KeyHashClaim),
        User?.FindFirst(ApiKeyAuthenticationHandler.TeamIdClaim)?.Value));

    public void UseStoredPrincipal(Principal stored) => _stored = stored;

    private string Claim(string type) =>
        User?.FindFirst(type)?.Value ?? throw new UnauthenticatedException("No api key passed in.");
}
