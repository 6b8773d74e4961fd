using System.Net;
using System.Threading.RateLimiting;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Limits failed authentications per client address (<c>ProxyAdmin__Limits__FailedAuthenticationsPerMinute</c>, default
/// 20; 0 turns it off): once an address has failed that many times in a minute, every request of it that presents a
/// key is answered 429 with <c>Retry-After</c> until the minute ends, so keys cannot be guessed at speed. Built on
/// <c>System.Threading.RateLimiting</c>, the limiters ASP.NET Core's rate-limiting middleware uses; the middleware
/// itself counts every request, and only failures may count here. Behind a proxy the address is the client's only with
/// the forwarded-headers middleware on (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>); a request with no address (an
/// in-process test server) is not limited.
/// </summary>
public sealed class FailedAuthenticationLimiter : IDisposable
{
    public const int DefaultFailuresPerMinute = 20;

    private readonly PartitionedRateLimiter<IPAddress>? _limiter;

    public FailedAuthenticationLimiter(int failuresPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(failuresPerMinute);
        FailuresPerMinute = failuresPerMinute;
        _limiter = failuresPerMinute == 0
            ? null
            : PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = failuresPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public int FailuresPerMinute { get; }

    /// <summary>The limiter the configuration asks for; a setting that is not a whole number from 0 up stops the start.</summary>
    public static FailedAuthenticationLimiter Read(IConfiguration configuration)
    {
        const string Key = "ProxyAdmin:Limits:FailedAuthenticationsPerMinute";
        var value = configuration[Key];
        return new FailedAuthenticationLimiter(
            string.IsNullOrWhiteSpace(value) ? DefaultFailuresPerMinute
            : int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var perMinute) ? perMinute
            : throw new InvalidOperationException("ProxyAdmin refuses to start: ProxyAdmin__Limits__FailedAuthenticationsPerMinute must be a whole number, 0 to turn the limit off."));
    }

    /// <summary>When <paramref name="address"/> has no failure left this minute, how long until it has; else null.</summary>
    public TimeSpan? BlockedFor(IPAddress? address)
    {
        if (_limiter is null || address is null)
        {
            return null;
        }

        // Zero permits: asks whether any is left without taking one.
        using var probe = _limiter.AttemptAcquire(address, permitCount: 0);
        return probe.IsAcquired ? null : probe.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void RecordFailure(IPAddress? address)
    {
        if (_limiter is not null && address is not null)
        {
            using var _ = _limiter.AttemptAcquire(address);
        }
    }

    public void Dispose() => _limiter?.Dispose();
}
