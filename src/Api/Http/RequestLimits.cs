using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// How large a request may be. The service enforces each limit itself, so the refusal carries the error envelope
/// (<see cref="RequestLimitChecks"/>): the body (<c>ProxyAdmin:Limits:MaxRequestBodyBytes</c>, 413), the URL (414)
/// and the headers (431). Kestrel's own limits are set above the service's, so that a request between the two is
/// refused by the service with a readable answer, and only one beyond Kestrel's limits gets Kestrel's bare one
/// (README, "Errors").
/// </summary>
public sealed record RequestLimits
{
    public const string BodySettingName = "ProxyAdmin__Limits__MaxRequestBodyBytes";

    /// <summary>1 MiB: a request of this API is a few kilobytes; a free-form map is bounded far below it (64 KiB).</summary>
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>The largest body limit the setting takes (1 GiB): beyond it a typo, not a choice.</summary>
    public const long MaxConfigurableBodyBytes = 1024L * 1024 * 1024;

    /// <summary>The URL (path and query, as sent): Kestrel's own default request-line limit, 8 KiB.</summary>
    public const int MaxRequestTargetBytes = 8 * 1024;

    /// <summary>All header names and values together: Kestrel's own default, 32 KiB.</summary>
    public const int MaxRequestHeadersBytes = 32 * 1024;

    /// <summary>Kestrel's own default header count.</summary>
    public const int MaxRequestHeaderCount = 100;

    private const string BodySection = "ProxyAdmin:Limits:MaxRequestBodyBytes";

    // What Kestrel refuses on its own, before the service sees the request, with an empty body: well above the
    // service's limits, so that only a request no client of this API sends meets them.
    private const int TransportMaxRequestLineBytes = 64 * 1024;
    private const int TransportMaxRequestHeadersBytes = 128 * 1024;
    private const int TransportMaxRequestHeaderCount = 4 * MaxRequestHeaderCount;

    private RequestLimits(long maxRequestBodyBytes) => MaxRequestBodyBytes = maxRequestBodyBytes;

    /// <summary>The largest body, in bytes, the service reads; a larger one is a 413.</summary>
    public long MaxRequestBodyBytes { get; }

    /// <summary>The 413's message: it names the limit, so a client knows what to send instead.</summary>
    public string BodyTooLargeMessage =>
        string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the {MaxRequestBodyBytes:N0} bytes this service accepts.");

    public static RequestLimits Default { get; } = new(DefaultMaxRequestBodyBytes);

    /// <summary>Reads <c>ProxyAdmin:Limits:MaxRequestBodyBytes</c>; a value that is not a whole number from 1 to 1 GiB stops the start.</summary>
    public static RequestLimits Read(IConfiguration configuration)
    {
        var value = configuration[BodySection];
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default;
        }

        return long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes is >= 1 and <= MaxConfigurableBodyBytes
            ? new RequestLimits(bytes)
            : throw new InvalidOperationException(
                $"{BodySettingName} must be a whole number of bytes from 1 to {MaxConfigurableBodyBytes.ToString(CultureInfo.InvariantCulture)}.");
    }

    /// <summary>
    /// Kestrel's limits: the body at the service's own limit (Kestrel stops reading there, whichever of the two notices
    /// first, and the answer is the same 413), the URL and headers well above the service's (64 KiB, 128 KiB, 400
    /// headers), so the service answers those itself. Header values are read as Latin-1 rather than refused by Kestrel when they hold a byte above
    /// 0x7F, so that the service refuses them with the envelope too.
    /// </summary>
    public void Apply(KestrelServerOptions kestrel)
    {
        kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestLineSize = TransportMaxRequestLineBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = TransportMaxRequestHeadersBytes;
        kestrel.Limits.MaxRequestHeaderCount = TransportMaxRequestHeaderCount;
        kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
    }
}
