using ProxyAdmin.Application.Keys;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Infrastructure.Data.Direct;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

/// <param name="direct">The provider's hand-written hot reads; none on SQL Server, or where a test builds the repository
/// on a bare context: the read goes through EF then.</param>
internal sealed class VirtualKeyRepository(ProxyAdminDbContext db, DirectReads? direct = null) : IVirtualKeyRepository
{
    private static readonly CompiledPerModel<Func<ProxyAdminDbContext, string, CancellationToken, Task<VirtualKey?>>> ReadByToken = new(() =>
        EF.CompileAsyncQuery((ProxyAdminDbContext context, string token, CancellationToken _) =>
            context.VirtualKeys.AsNoTracking().Include(k => k.Budget).Include(k => k.ObjectPermission).SingleOrDefault(k => k.Token == token)));

    public Task<VirtualKey?> GetByTokenAsync(string token, CancellationToken cancellationToken) =>
        WithParts().SingleOrDefaultAsync(k => k.Token == token, cancellationToken);

    /// <summary>Every <c>/key/info</c>: read by hand outside a transaction (<see cref="DirectKeyRead"/>), else by the compiled query.</summary>
    public Task<VirtualKey?> ReadByTokenAsync(string token, CancellationToken cancellationToken) =>
        DirectReads.MayRun(direct, db)
            ? DirectKeyRead.For(db).ReadAsync(direct!, db, token, cancellationToken).AsTask()
            : ReadByToken.For(db)(db, token, cancellationToken);

    public Task<List<VirtualKey>> GetByTokensAsync(IReadOnlyCollection<string> tokens, CancellationToken cancellationToken) =>
        WithParts().Where(k => tokens.Contains(k.Token)).ToListAsync(cancellationToken);

    public Task<List<VirtualKey>> GetByAliasesAsync(IReadOnlyCollection<string> aliases, CancellationToken cancellationToken) =>
        WithParts().Where(k => k.KeyAlias != null && aliases.Contains(k.KeyAlias)).ToListAsync(cancellationToken);

    public Task<List<VirtualKey>> GetByUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        WithParts().Where(k => k.UserId != null && userIds.Contains(k.UserId)).ToListAsync(cancellationToken);

    public Task<List<VirtualKey>> GetByTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken) =>
        WithParts().Where(k => k.TeamId != null && teamIds.Contains(k.TeamId)).ToListAsync(cancellationToken);

    public Task<int> CountByProjectAsync(string projectId, CancellationToken cancellationToken) =>
        db.VirtualKeys.CountAsync(k => k.ProjectId == projectId, cancellationToken);

    public Task<bool> AliasExistsAsync(string keyAlias, CancellationToken cancellationToken) =>
        db.VirtualKeys.AnyAsync(k => k.KeyAlias == keyAlias, cancellationToken);

    public void Add(VirtualKey key) => db.VirtualKeys.Add(key);

    /// <summary>Removes the key and its object permission row; a budget row it links may be shared and stays.</summary>
    public void Remove(VirtualKey key)
    {
        db.VirtualKeys.Remove(key);
        if (key.ObjectPermission is { } permission)
        {
            db.Remove(permission);
        }
    }

    /// <summary>Keys with the rows their responses show: the budget row and the object permission.</summary>
    private IQueryable<VirtualKey> WithParts() => db.VirtualKeys.Include(k => k.Budget).Include(k => k.ObjectPermission);
}
