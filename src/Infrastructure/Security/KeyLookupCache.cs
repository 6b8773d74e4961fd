using Microsoft.Extensions.Caching.Memory;
using ProxyAdmin.Infrastructure.Revisions;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// Briefly remembers what a key hash resolved to, so authentication costs no query per request. Entries are keyed by
/// the revision tracker's cache epoch, which moves whenever this replica learns of a newer database revision (its own
/// commits at once, other replicas' by the poll or push): a blocked, deleted or rotated key stops working here at
/// once after a local change and within one poll interval after a change through another replica. While the
/// revision cannot be confirmed (<see cref="RevisionTracker.CacheTrusted"/>), nothing cached is used. Every look-up
/// counts as a hit or a miss (<see cref="KeyCacheMetrics"/>).
/// </summary>
/// <param name="metrics">Null where no host composes metrics (tests).</param>
internal sealed class KeyLookupCache(IMemoryCache cache, RevisionTracker revisions, KeyCacheMetrics? metrics = null)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>An epoch read before the database lookup, so a change learnt of meanwhile is not cached as current.</summary>
    public long CurrentGeneration => revisions.CacheEpoch;

    /// <param name="lookup">Who asks, for the metrics: <see cref="KeyCacheMetrics.Authentication"/> or <see cref="KeyCacheMetrics.AllowedRoutes"/>.</param>
    public bool TryGet(string hash, string lookup, out StoredKey? key)
    {
        if (!revisions.CacheTrusted)
        {
            metrics?.Miss(lookup, trusted: false);
            key = null;
            return false;
        }

        if (cache.TryGetValue(new CacheKey(CurrentGeneration, hash), out key))
        {
            metrics?.Hit(lookup);
            return true;
        }

        metrics?.Miss(lookup, trusted: true);
        return false;
    }

    public void Set(long generation, string hash, StoredKey? key) =>
        cache.Set(new CacheKey(generation, hash), key, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });

    // A boxed pair rather than a formatted "key:{generation}:{hash}" string: two lookups a request (authentication and
    // the route check) each built a 150-byte string for nothing. Its own type, so no other cache user can collide with it.
    private readonly record struct CacheKey(long Generation, string Hash);
}
