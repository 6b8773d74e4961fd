namespace ProxyAdmin.Api.Telemetry;

/// <summary>
/// The OpenTelemetry Prometheus exporter's answer to a scrape (text format, or OpenMetrics when the scraper asks for
/// it), as a delegate the <c>/metrics</c> action hands the request to: the exporter ships only a middleware, and the
/// route is a controller action so that it is authorized, filtered and documented as every other route is.
/// </summary>
public sealed class PrometheusScrape(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> _exporter = new(() =>
        new ApplicationBuilder(services).UseOpenTelemetryPrometheusScrapingEndpoint(_ => true).Build());

    public Task WriteAsync(HttpContext context) => _exporter.Value(context);
}
