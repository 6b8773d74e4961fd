using System.Security.Cryptography;
using System.Text;

namespace ProxyAdmin.Api.Telemetry;

/// <summary>
/// What the telemetry is configured with: whether OTLP export is on (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, read by the
/// exporter itself with the other <c>OTEL_*</c> variables) and the token a Prometheus scraper may present on
/// <c>/metrics</c> instead of an admin key (<c>ProxyAdmin__Metrics__ScrapeToken</c>), kept only as its SHA-256.
/// </summary>
public sealed class TelemetrySettings
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ScrapeTokenSetting = "ProxyAdmin__Metrics__ScrapeToken";
    public const int MinScrapeTokenLength = 16;

    private const string ScrapeTokenKey = "ProxyAdmin:Metrics:ScrapeToken";

    private readonly byte[]? _scrapeTokenHash;

    private TelemetrySettings(bool exportsOtlp, byte[]? scrapeTokenHash)
    {
        ExportsOtlp = exportsOtlp;
        _scrapeTokenHash = scrapeTokenHash;
    }

    /// <summary>Traces are recorded, and traces and metrics pushed, only when an OTLP endpoint is configured.</summary>
    public bool ExportsOtlp { get; }

    public bool HasScrapeToken => _scrapeTokenHash is not null;

    /// <summary>Reads the settings now, so a scrape token too short to be a secret stops the start (naming the setting, never the value).</summary>
    public static TelemetrySettings Read(IConfiguration configuration)
    {
        var token = configuration[ScrapeTokenKey];
        if (!string.IsNullOrEmpty(token) && token.Trim().Length < MinScrapeTokenLength)
        {
            throw new InvalidOperationException(
                $"ProxyAdmin refuses to start: {ScrapeTokenSetting} must be at least {MinScrapeTokenLength} characters (a long random secret), or not set.");
        }

        return new TelemetrySettings(
            !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]),
            string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Whether <paramref name="presented"/> is the scrape token, compared in constant time (as hashes, so its length tells nothing either).</summary>
    public bool IsScrapeToken(string presented)
    {
        if (_scrapeTokenHash is null)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        return CryptographicOperations.FixedTimeEquals(hash, _scrapeTokenHash);
    }
}
