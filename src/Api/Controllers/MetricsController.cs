using ProxyAdmin.Api.Telemetry;

namespace ProxyAdmin.Api.Controllers;

/// <summary>
/// The Prometheus scrape endpoint: every metric of the service (HTTP server and client, EF Core, ProxyAdmin's own:
/// README, "Telemetry") in the Prometheus text format. The one action that sends no message: what it answers is the
/// exporter's, not a use case's, and who may call it is decided by <see cref="MetricsAccess"/> (proxy admins, or the
/// scrape token), not by a message's role gate.
/// </summary>
[ApiController]
[Tags("telemetry")]
public sealed class MetricsController(PrometheusScrape scrape) : ControllerBase
{
    /// <summary>
    /// The service's metrics, for Prometheus: proxy admins, or a scraper presenting <c>ProxyAdmin__Metrics__ScrapeToken</c>
    /// as <c>Authorization: Bearer &lt;token&gt;</c>. Labels carry route templates and names from fixed sets, never a key or a path.
    /// </summary>
    [HttpGet("/metrics")]
    [Microsoft.AspNetCore.Authorization.Authorize(Policy = MetricsAccess.Policy)]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/plain", "application/openmetrics-text")]
    public Task Scrape() => scrape.WriteAsync(HttpContext);
}
