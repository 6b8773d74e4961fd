using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// The audit rows this scope recorded and has not saved yet, in the order they were recorded; at each save
/// (<see cref="UnitOfWork.SaveChangesAsync"/>) they are appended to the chain. The head is read inside the command's
/// transaction, after the revision row was taken: every writer on every replica holds the database's write lock by
/// then (SQLite's, PostgreSQL's advisory lock, SQL Server's lock on the revision row), so each reads the head the
/// previous writer committed and the chain has one order without gaps. The head stays tracked for the rest of the
/// transaction: a second save in it continues where the first ended, without reading it again; a later transaction of
/// the same scope reads it again.
/// </summary>
internal sealed class AuditChainAppender
{
    private readonly List<AuditEntry> _pending = [];
    private object? _headReadIn;

    public void Stage(AuditEntry entry) => _pending.Add(entry);

    public async Task ChainPendingAsync(ProxyAdminDbContext db, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Audit rows are chained inside a command's transaction, which holds the write lock.");

        // A head this scope tracks from an earlier transaction may have moved since (another replica's writes): read again.
        var tracked = db.ChangeTracker.Entries<AuditChainHead>().FirstOrDefault();
        if (tracked is not null && !ReferenceEquals(_headReadIn, transaction))
        {
            await tracked.ReloadAsync(cancellationToken);
        }

        var head = tracked?.Entity
            ?? await db.AuditChainHeads.SingleOrDefaultAsync(h => h.Id == AuditChainHead.RowId, cancellationToken)
            ?? throw new InvalidOperationException("The audit chain's head row is missing: the database was not migrated by this version of ProxyAdmin.");
        _headReadIn = transaction;
        foreach (var entry in _pending)
        {
            head.Append(entry);
        }

        _pending.Clear();
    }

    /// <summary>A command that runs again stages its rows again; those of the failed attempt are forgotten with it.</summary>
    public void Forget() => _pending.Clear();
}
