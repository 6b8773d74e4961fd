using Microsoft.Data.Sqlite;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// On SQLite, the writers of this process queue here, awaiting, before they ask for the write lock
/// (<c>BEGIN IMMEDIATE</c>): SQLite takes one writer at a time anyway, and a writer waiting in SQLite's busy handler
/// sleeps on a thread-pool thread, so under 8 concurrent writers most of the pool slept and p99 reached 1 s. Only the
/// writers of other processes (another replica on the same file) still meet the busy handler
/// (<see cref="SqliteBusyTimeout"/>), which stays the correctness guarantee; this gate only orders this process's own.
/// The wait is bounded by the same busy timeout, past which the command fails as SQLite's busy does (transient:
/// retried, then 503).
/// </summary>
internal sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(TimeSpan.FromMilliseconds(SqliteBusyTimeout.Milliseconds), cancellationToken))
        {
            // SQLITE_BUSY, as the busy handler reports the same wait running out.
            throw new SqliteException("database is locked: no write slot within the busy timeout", 5);
        }

        return new Slot(_gate);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Released once, however often it is disposed.</summary>
    private sealed class Slot(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
