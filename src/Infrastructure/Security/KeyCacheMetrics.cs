using System.Diagnostics.Metrics;
using ProxyAdmin.Application.Common.Telemetry;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// The key cache's hits and misses (<see cref="KeyLookupCache"/>), so its hit ratio can be watched:
/// <c>rate(proxyadmin_key_cache_hits_total) / (rate(…hits_total) + rate(…misses_total))</c>. Labelled by which look-up
/// asked (<see cref="Authentication"/> or <see cref="AllowedRoutes"/>, which follows authentication in the same request
/// and so nearly always hits) and, for a miss, why (<c>absent</c>, or <c>untrusted</c> while the revision cannot be
/// confirmed). Never the key or its hash.
/// </summary>
internal sealed class KeyCacheMetrics
{
    public const string Authentication = "authentication";
    public const string AllowedRoutes = "allowed_routes";

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;

    public KeyCacheMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ProxyAdminMeter.Name);
        _hits = meter.CreateCounter<long>("proxyadmin.key_cache.hits", unit: "{lookup}", description: "Key look-ups answered from the key cache.");
        _misses = meter.CreateCounter<long>("proxyadmin.key_cache.misses", unit: "{lookup}", description: "Key look-ups the key cache could not answer, which read the database.");
    }

    public void Hit(string lookup) => _hits.Add(1, new KeyValuePair<string, object?>("lookup", lookup));

    public void Miss(string lookup, bool trusted) =>
        _misses.Add(1, new KeyValuePair<string, object?>("lookup", lookup), new KeyValuePair<string, object?>("reason", trusted ? "absent" : "untrusted"));
}
