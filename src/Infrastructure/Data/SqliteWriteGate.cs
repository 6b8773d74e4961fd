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
/// <remarks>
/// One writer at a time also means one connection is enough: the writer that enters is lent this process's write
/// connection (<see cref="SqliteWriteSession"/>, its statements kept prepared) for its transaction, and its context gets
/// a connection of its own again (made by EF, as before) when it leaves, before the next writer enters. A context whose
/// connection string is not the session's keeps its own connection.
/// </remarks>
internal sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteWriteSession? _session;

    /// <summary>Enters the gate without lending the write connection.</summary>
    public Task<IDisposable> EnterAsync(CancellationToken cancellationToken) => EnterAsync(null, cancellationToken);

    /// <summary>Enters the gate and lends <paramref name="db"/> the write connection until the returned slot is disposed.</summary>
    public async Task<IDisposable> EnterAsync(ProxyAdminDbContext? db, CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(TimeSpan.FromMilliseconds(SqliteBusyTimeout.Milliseconds), cancellationToken))
        {
            // SQLITE_BUSY, as the busy handler reports the same wait running out.
            throw new SqliteException("database is locked: no write slot within the busy timeout", 5);
        }

        try
        {
            return db is not null && Lend(db) is { } connectionString ? new Slot(this, db, connectionString) : new Slot(this, null, null);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _session?.Dispose();
        _gate.Dispose();
    }

    /// <returns>The context's connection string, to give it a connection of its own with again; null when nothing was lent.</returns>
    private string? Lend(ProxyAdminDbContext db)
    {
        if (db.Database.GetConnectionString() is not { Length: > 0 } connectionString)
        {
            return null;
        }

        if (_session is { } stale && stale.ConnectionString != connectionString)
        {
            return null;
        }

        _session ??= SqliteWriteSession.Open(connectionString);

        // Not the context's to dispose. EF disposes the connection it made for the context, which is closed now.
        db.Database.SetDbConnection(_session.Connection, contextOwnsConnection: false);
        return connectionString;
    }

    /// <summary>
    /// Gives <paramref name="db"/> a connection of its own again: EF makes it when next needed, as for a new context. Should
    /// EF refuse (it still counts the connection open), the write connection is given up to that context instead, and the
    /// next writer opens a new one: no two contexts may ever share it.
    /// </summary>
    private void TakeBack(ProxyAdminDbContext db, string connectionString)
    {
        try
        {
            db.Database.SetDbConnection(null, contextOwnsConnection: true);
            db.Database.SetConnectionString(connectionString);
        }
        catch (InvalidOperationException)
        {
            var abandoned = _session;
            _session = null;
            abandoned?.Dispose();
        }
    }

    /// <summary>Released once, however often it is disposed; takes the write connection back first.</summary>
    /// <param name="lentTo">The context lent the write connection, if any.</param>
    /// <param name="connectionString">Its own connection string.</param>
    private sealed class Slot(SqliteWriteGate owner, ProxyAdminDbContext? lentTo, string? connectionString) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                if (lentTo is not null && connectionString is not null)
                {
                    owner.TakeBack(lentTo, connectionString);
                }
            }
            finally
            {
                owner._gate.Release();
            }
        }
    }
}
