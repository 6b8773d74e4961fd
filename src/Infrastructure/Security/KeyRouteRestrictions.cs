using ProxyAdmin.Application.Keys;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// A key's <c>allowed_routes</c>, from the key cache that authentication filled a moment before in the same request
/// (so the check costs no query), else from the database. The cache is emptied by every committed write on any
/// replica (<see cref="KeyLookupCache"/>), so a changed restriction takes effect as fast as a revoked key does.
/// </summary>
internal sealed class KeyRouteRestrictions(ProxyAdminDbContext db, KeyLookupCache cache) : IKeyRouteRestrictions
{
    public async Task<IReadOnlyList<string>> AllowedRoutesAsync(string keyHash, CancellationToken cancellationToken)
    {
        if (cache.TryGet(keyHash, KeyCacheMetrics.AllowedRoutes, out var stored))
        {
            return stored?.AllowedRoutes ?? [];
        }

        return await db.VirtualKeys.AsNoTracking()
            .Where(k => k.Token == keyHash)
            .Select(k => k.AllowedRoutes)
            .SingleOrDefaultAsync(cancellationToken) ?? [];
    }
}
