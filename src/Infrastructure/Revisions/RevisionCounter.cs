using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Revisions;

/// <summary>
/// Reads and increments the revision row (<see cref="DatabaseRevision"/>) with provider-neutral statements. The
/// increment is the first statement of every command's transaction: its row lock (SQLite's write lock, a row lock on
/// the server databases) is held until the commit or rollback, so writers queue on it, revisions are handed out in
/// commit order, and a rolled-back command gives its number back. On PostgreSQL the new revision is also announced on
/// <see cref="Channel"/> from inside the transaction: the server delivers it at the commit and drops it on a rollback,
/// so listeners (<see cref="PostgresRevisionListener"/>) hear only revisions that exist.
/// </summary>
internal static class RevisionCounter
{
    /// <summary>The PostgreSQL <c>NOTIFY</c> channel; the payload is the committed revision.</summary>
    public const string Channel = "proxyadmin_revision";

    public static async Task<long> IncrementAsync(ProxyAdminDbContext db, CancellationToken cancellationToken)
    {
        var updated = await db.Revisions
            .Where(r => r.Id == DatabaseRevision.RowId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Value, r => r.Value + 1), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException("The revision row is missing: the database was not migrated by this version of ProxyAdmin.");
        }

        var revision = await ReadAsync(db, cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync(
                $"SELECT pg_notify({Channel}, {revision.ToString(System.Globalization.CultureInfo.InvariantCulture)})", cancellationToken);
        }

        return revision;
    }

    public static Task<long> ReadAsync(ProxyAdminDbContext db, CancellationToken cancellationToken) =>
        db.Revisions.AsNoTracking()
            .Where(r => r.Id == DatabaseRevision.RowId)
            .Select(r => r.Value)
            .SingleAsync(cancellationToken);
}
