using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Revisions;

/// <summary>
/// Reads and increments the revision row (<see cref="DatabaseRevision"/>) with provider-neutral statements. The
/// increment is the first statement of every command's transaction: its row lock (SQLite's write lock, a row lock on
/// the server databases) is held until the commit or rollback, so writers queue on it, revisions are handed out in
/// commit order, and a rolled-back command gives its number back.
/// </summary>
internal static class RevisionCounter
{
    public static async Task<long> IncrementAsync(ProxyAdminDbContext db, CancellationToken cancellationToken)
    {
        var updated = await db.Revisions
            .Where(r => r.Id == DatabaseRevision.RowId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Value, r => r.Value + 1), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException("The revision row is missing: the database was not migrated by this version of ProxyAdmin.");
        }

        return await ReadAsync(db, cancellationToken);
    }

    public static Task<long> ReadAsync(ProxyAdminDbContext db, CancellationToken cancellationToken) =>
        db.Revisions.AsNoTracking()
            .Where(r => r.Id == DatabaseRevision.RowId)
            .Select(r => r.Value)
            .SingleAsync(cancellationToken);
}
