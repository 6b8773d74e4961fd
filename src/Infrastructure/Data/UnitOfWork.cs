using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using ProxyAdmin.Infrastructure.Revisions;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// The EF transaction around a command, and the translation of the database's refusals (stale version,
/// unique index) into 409s. Every transaction starts by taking the next database revision
/// (<see cref="RevisionCounter"/>), which its commit publishes to this replica's tracker and to the response.
/// </summary>
/// <param name="writeGate">SQLite only: this process's writers queue on it before <c>BEGIN IMMEDIATE</c>.</param>
/// <param name="sqliteFile">SQLite only: no transaction begins once the file was deleted, moved or replaced.</param>
/// <param name="auditChain">The audit rows this scope staged, chained at each save; null only where no audit row is recorded (persistence tests).</param>
internal sealed class UnitOfWork(ProxyAdminDbContext db, RevisionTracker revisions, SqliteWriteGate? writeGate = null, SqliteDatabaseFile? sqliteFile = null, AuditChainAppender? auditChain = null) : IUnitOfWork
{
    private readonly List<Action> _afterCommit = [];

    public long? CommittedRevision { get; private set; }

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (auditChain is not null)
            {
                await auditChain.ChainPendingAsync(db, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("The record was changed by another request since it was read. Reload it and try again.");
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            throw new ConflictException("A record with the same unique value already exists.");
        }
        catch (DbUpdateException exception) when (exception.InnerException is ProxyAdminException refusal)
        {
            // A refusal raised while the statements ran (PostgresUnstorableText) reaches the caller as itself.
            throw refusal;
        }
    }

    public async Task<ITransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        // On SQLite this is BEGIN IMMEDIATE: concurrent writers queue for the write lock (up to the
        // command timeout) instead of failing when a read lock cannot be upgraded. PostgreSQL gets the same queue
        // from an advisory lock (PostgresWriteLock says why), which the revision's increment takes first.
        sqliteFile?.EnsureWritable();
        var slot = writeGate is null ? null : await writeGate.EnterAsync(db, cancellationToken);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // A failed save never continues in its transaction: it is rolled back and the command re-runs or answers
            // (TransactionBehaviour), so the savepoint EF would set and release around every save is two statements of
            // nothing inside the write lock.
            db.Database.AutoSavepointsEnabled = false;
            try
            {
                var revision = await RevisionCounter.IncrementAsync(db, cancellationToken);
                return new Transaction(transaction, this, revision, slot);
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }
        }
        catch
        {
            slot?.Dispose();
            throw;
        }
    }

    public void OnCommitted(Action action) => _afterCommit.Add(action);

    public void Reset()
    {
        db.ChangeTracker.Clear();
        auditChain?.Forget();
        _afterCommit.Clear();
    }

    private void RunAfterCommit(long revision)
    {
        CommittedRevision = revision;
        revisions.Committed(revision);
        foreach (var action in _afterCommit)
        {
            action();
        }

        _afterCommit.Clear();
    }

    public bool IsTransientFailure(Exception exception) => IsTransient(exception);

    internal static bool IsTransient(Exception? exception) => exception switch
    {
        null => false,

        // SQLITE_BUSY and SQLITE_LOCKED (with their extended codes): the busy timeout ran out.
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is 5 or 6,

        // Deadlock victim, lock request time-out, command time-out; Azure SQL's "busy" and failover answers.
        SqlException sqlServer => sqlServer.Number is 1205 or 1222 or -2 or 40501 or 40613 or 40197 or 49918 or 49919 or 49920,

        // Serialization failure, deadlock victim, a lock wait cut short by lock_timeout.
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable,

        // The command timeout ran out (Npgsql cancels the statement and reports the timeout as the inner exception).
        NpgsqlException { InnerException: TimeoutException } => true,
        _ => IsTransient(exception.InnerException),
    };

    internal static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <param name="slot">The write gate's slot, released once the transaction has ended (committed or rolled back).</param>
    private sealed class Transaction(IDbContextTransaction transaction, UnitOfWork unitOfWork, long revision, IDisposable? slot) : ITransaction
    {
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            await transaction.CommitAsync(cancellationToken);
            slot?.Dispose();
            unitOfWork.RunAfterCommit(revision);
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            slot?.Dispose();
        }
    }
}
