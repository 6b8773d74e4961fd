using ProxyAdmin.Application.Keys;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Security;

internal sealed class KeyRouteRestrictions(ProxyAdminDbContext db) : IKeyRouteRestrictions
{
    public async Task<IReadOnlyList<string>> AllowedRoutesAsync(string keyHash, CancellationToken cancellationToken) =>
        await db.VirtualKeys.AsNoTracking()
            .Where(k => k.Token == keyHash)
            .Select(k => k.AllowedRoutes)
            .SingleOrDefaultAsync(cancellationToken) ?? [];
}
