using ProxyAdmin.Application.Keys;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class VirtualKeyRepository(ProxyAdminDbContext db) : IVirtualKeyRepository
{
    public Task<VirtualKey?> GetByTokenAsync(string token, CancellationToken cancellationToken) =>
        db.VirtualKeys.SingleOrDefaultAsync(k => k.Token == token, cancellationToken);

    public Task<List<VirtualKey>> GetByTokensAsync(IReadOnlyCollection<string> tokens, CancellationToken cancellationToken) =>
        db.VirtualKeys.Where(k => tokens.Contains(k.Token)).ToListAsync(cancellationToken);

    public Task<List<VirtualKey>> GetByAliasesAsync(IReadOnlyCollection<string> aliases, CancellationToken cancellationToken) =>
        db.VirtualKeys.Where(k => k.KeyAlias != null && aliases.Contains(k.KeyAlias)).ToListAsync(cancellationToken);

    public Task<List<VirtualKey>> GetByUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        db.VirtualKeys.Where(k => k.UserId != null && userIds.Contains(k.UserId)).ToListAsync(cancellationToken);

    public Task<List<VirtualKey>> GetByTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken) =>
        db.VirtualKeys.Where(k => k.TeamId != null && teamIds.Contains(k.TeamId)).ToListAsync(cancellationToken);

    public Task<int> CountByProjectAsync(string projectId, CancellationToken cancellationToken) =>
        db.VirtualKeys.CountAsync(k => k.ProjectId == projectId, cancellationToken);

    public Task<bool> AliasExistsAsync(string keyAlias, CancellationToken cancellationToken) =>
        db.VirtualKeys.AnyAsync(k => k.KeyAlias == keyAlias, cancellationToken);

    public void Add(VirtualKey key) => db.VirtualKeys.Add(key);

    public void Remove(VirtualKey key) => db.VirtualKeys.Remove(key);
}
