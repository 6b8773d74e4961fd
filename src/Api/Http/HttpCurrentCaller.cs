using System.Security.Claims;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Api.Http;

/// <summary>The authenticated caller of the current HTTP request, for the application layer.</summary>
public sealed class HttpCurrentCaller(IHttpContextAccessor accessor) : ICurrentCaller
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public string UserId => Claim(ClaimTypes.NameIdentifier);

    public UserRole Role => Enum.Parse<UserRole>(Claim(ApiKeyAuthenticationHandler.RoleClaim));

    public string ApiKeyHash => Claim(ApiKeyAuthenticationHandler.KeyHashClaim);

    private string Claim(string type) =>
        Principal?.FindFirst(type)?.Value ?? throw new UnauthenticatedException("No api key passed in.");
}
