using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// Runs EF's reads outside a transaction on SQLite connections of its own that stay open, each preparing a query's SQL
/// once. Microsoft.Data.Sqlite keeps a prepared statement only as long as the command that prepared it, and closing a
/// connection finalises them all; EF creates a command per query and closes its connection when a pooled context is
/// returned, so every read paid <c>sqlite3_prepare</c> (parsing, name resolution, planning) again: 14 % of a
/// <c>/project/info</c> request's CPU, more than running the queries. EF still builds the command, shapes the rows and
/// disposes the reader; only the statement comes from here.
/// </summary>
/// <remarks>
/// Only an autocommit <c>SELECT</c> is taken over: a command's reads inside its transaction must see that transaction,
/// so they stay on EF's connection. In WAL mode a statement on another connection reads the latest commit, as EF's own
/// connection would; a session holds no read transaction between its statements (a disposed reader resets its
/// statement). A session is rented for one reader and given back when EF disposes it. Readiness marks its probe
/// (<see cref="Bypass"/>) so that it opens the database afresh. Disposed with the host: its sessions are closed.
/// </remarks>
internal sealed class SqliteReadSessions : DbCommandInterceptor, IDisposable
{
    /// <summary>Distinct SQL texts a session keeps prepared; a query past it is prepared per execution, as before.</summary>
    public const int StatementsPerSession = 128;

    /// <summary>A tag (<c>TagWith</c>) that keeps a query on EF's own connection.</summary>
    public const string Bypass = "own connection";

    private readonly ConcurrentDictionary<string, ConcurrentBag<Session>> _idle = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbDataReader, Session> _reading = new();
    private bool _disposed;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Execute(command) is { } reader ? InterceptionResult<DbDataReader>.SuppressWithResult(reader) : result;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        // Microsoft.Data.Sqlite executes synchronously even when asked asynchronously; so does this.
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Execute(command) is { } reader ? InterceptionResult<DbDataReader>.SuppressWithResult(reader) : result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (!_reading.TryGetValue(eventData.DataReader, out var session))
        {
            return result;
        }

        // Disposed here, before the session is rented again: disposing resets the statement and ends its read.
        _reading.Remove(eventData.DataReader);
        eventData.DataReader.Dispose();
        session.Release();
        Return(session);
        return InterceptionResult.Suppress();
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var sessions in _idle.Values)
        {
            while (sessions.TryTake(out var session))
            {
                session.Dispose();
            }
        }
    }

    private SqliteDataReader? Execute(DbCommand command)
    {
        if (_disposed
            || command is not SqliteCommand { Transaction: null, Connection: { } connection } sqlite
            || !sqlite.CommandText.StartsWith("SELECT", StringComparison.Ordinal))
        {
            return null;
        }

        var session = Rent(connection.ConnectionString);
        try
        {
            if (session.Execute(sqlite) is not { } reader)
            {
                Return(session);
                return null;
            }

            _reading.Add(reader, session);
            return reader;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private Session Rent(string connectionString)
    {
        var sessions = _idle.GetOrAdd(connectionString, static _ => []);
        if (sessions.TryTake(out var session))
        {
            return session;
        }

        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqliteBusyTimeout.Apply(connection);
        return new Session(connection);
    }

    private void Return(Session session)
    {
        if (_disposed)
        {
            session.Dispose();
            return;
        }

        _idle.GetOrAdd(session.Connection.ConnectionString, static _ => []).Add(session);
    }

    /// <summary>One open connection and the statements prepared on it, used by one reader at a time.</summary>
    private sealed class Session(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
        private SqliteCommand? _current;

        public SqliteConnection Connection { get; } = connection;

        /// <returns>Null when this session already keeps as many statements as it may.</returns>
        public SqliteDataReader? Execute(SqliteCommand command)
        {
            if (!_prepared.TryGetValue(command.CommandText, out var kept))
            {
                if (_prepared.Count >= StatementsPerSession)
                {
                    return null;
                }

                kept = Connection.CreateCommand();
                kept.CommandText = command.CommandText;
                _prepared.Add(command.CommandText, kept);
            }

            _current = kept;
            kept.CommandTimeout = command.CommandTimeout;
            kept.Parameters.Clear();
            foreach (SqliteParameter parameter in command.Parameters)
            {
                kept.Parameters.Add(parameter);
            }

            return kept.ExecuteReader();
        }

        /// <summary>Lets go of the last query's parameters (EF's objects, with their values).</summary>
        public void Release()
        {
            _current?.Parameters.Clear();
            _current = null;
        }

        public void Dispose() => Connection.Dispose();
    }
}
