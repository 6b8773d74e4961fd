using Microsoft.Extensions.Caching.Memory;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// Briefly remembers what a key hash resolved to, so authentication costs no query per request. Any
/// committed change to keys or users bumps the generation, which makes every remembered lookup a miss:
/// a blocked, deleted or rotated key stops working on this instance at once.
/// </summary>
internal sealed class KeyLookupCache(IMemoryCache cache) : IKeyLookupCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private long _generation;

    public void InvalidateAll() => Interlocked.Increment(ref _generation);

    /// <summary>A generation read before the database lookup, so a change committed meanwhile is not cached as current.</summary>
    public long CurrentGeneration => Interlocked.Read(ref _generation);

    public bool TryGet(string hash, out StoredKey? key) =>
        cache.TryGetValue(CacheKey(CurrentGeneration, hash), out key);

    public void Set(long generation, string hash, StoredKey? key) =>
        cache.Set(CacheKey(generation, hash), key, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });

    private static string CacheKey(long generation, string hash) => $"key:{generation}:{hash}";
}
