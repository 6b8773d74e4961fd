using Microsoft.AspNetCore.Authorization;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Api.Telemetry;

/// <summary>
/// Who may scrape <c>/metrics</c>: a proxy admin (the master key, or any key whose owner's role is
/// <c>proxy_admin</c>; its <c>allowed_routes</c> still apply, <see cref="AllowedRoutesFilter"/>) or whoever presents
/// the configured scrape token (<see cref="TelemetrySettings.IsScrapeToken"/>). Anyone else gets 401 without a valid
/// key and 403 with one, in the error envelope (the key scheme's challenge and forbid). The scrape token is not a key:
/// on the scrape route it is not looked up (<see cref="ApiKeyAuthenticationHandler"/>), so a scraper neither costs a
/// query nor counts as a failed authentication.
/// </summary>
public static class MetricsAccess
{
    public const string Policy = "metrics-scrape";

    public static void Build(AuthorizationPolicyBuilder policy) =>
        policy.RequireAssertion(context => IsProxyAdmin(context) || (context.Resource is HttpContext http && PresentsScrapeToken(http)));

    /// <summary>Whether the request is for the scrape route and presents the scrape token.</summary>
    public static bool PresentsScrapeToken(HttpContext http) =>
        http.RequestServices.GetRequiredService<TelemetrySettings>() is { HasScrapeToken: true } settings
        && IsScrapeRoute(http)
        && PresentedApiKey.Read(http.Request.Headers) is { Length: > 0 } presented
        && settings.IsScrapeToken(presented);

    private static bool IsScrapeRoute(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy == Policy) == true;

    private static bool IsProxyAdmin(AuthorizationHandlerContext context) =>
        context.User.Identity is ApiKeyIdentity { IsAuthenticated: true } identity && identity.Principal.Role == UserRole.ProxyAdmin;
}
