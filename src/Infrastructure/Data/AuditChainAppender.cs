using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// The audit rows this scope recorded and has not saved yet, in the order they were recorded; at each save
/// (<see cref="UnitOfWork.SaveChangesAsync"/>) they are appended to the chain. The head is read inside the command's
/// transaction, after the revision row was taken: every writer on every replica holds the database's write lock by
/// then (SQLite's, PostgreSQL's advisory lock, SQL Server's lock on the revision row), so each reads the head the
/// previous writer committed and the chain has one order without gaps. The head stays tracked for the rest of the
/// transaction: a second save in it continues where the first ended, without reading it again.
/// </summary>
internal sealed class AuditChainAppender
{
    private readonly List<AuditEntry> _pending = [];

    public void Stage(AuditEntry entry) => _pending.Add(entry);

    public async Task ChainPendingAsync(ProxyAdminDbContext db, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit rows are chained inside a command's transaction, which holds the write lock.");
        }

        var head = await db.AuditChainHeads.FindAsync([AuditChainHead.RowId], cancellationToken)
            ?? throw new InvalidOperationException("The audit chain's head row is missing: the database was not migrated by this version of ProxyAdmin.");
        foreach (var entry in _pending)
        {
            head.Append(entry);
        }

        _pending.Clear();
    }

    /// <summary>A command that runs again stages its rows again; those of the failed attempt are forgotten with it.</summary>
    public void Forget() => _pending.Clear();
}
