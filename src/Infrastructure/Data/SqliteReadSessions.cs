using System.Collections.Concurrent;
using System.Data;
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
/// disposes the reader; only the statement comes from here. EF's own connection is opened only when something needs it
/// (any other command, a transaction): a read that runs here would otherwise still open and close it, and every open of
/// a Microsoft.Data.Sqlite connection registers EF's SQL functions again (5 KB and 5 % of a read's CPU).
/// </summary>
/// <remarks>
/// Only an autocommit <c>SELECT</c> is taken over: a command's reads inside its transaction must see that transaction,
/// so they stay on EF's connection. In WAL mode a statement on another connection reads the latest commit, as EF's own
/// connection would; a session holds no read transaction between its statements (a disposed reader resets its
/// statement). A session is rented for one reader and given back when EF disposes it. Readiness marks its probe
/// (<see cref="Bypass"/>) so that it opens the database afresh. Disposed with the host: its sessions are closed.
/// </remarks>
internal sealed class SqliteReadSessions : DbCommandInterceptor, IDbConnectionInterceptor, IDbTransactionInterceptor, IDisposable
{
    /// <summary>Distinct SQL texts a session keeps prepared; a query past it runs on EF's own connection, as before.</summary>
    public const int StatementsPerSession = 128;

    /// <summary>A tag (<c>TagWith</c>) that keeps a query on EF's own connection.</summary>
    public const string Bypass = "own connection";

    private readonly ConcurrentDictionary<string, ConcurrentBag<Session>> _idle = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbDataReader, Session> _reading = new();
    private bool _disposed;

    /// <summary>EF's connection stays closed when EF opens it; <see cref="EnsureOpen"/> opens it once something needs it.</summary>
    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        Defers(connection) ? InterceptionResult.Suppress() : result;

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection,
        ConnectionEventData eventData,
        InterceptionResult result,
        CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(ConnectionOpening(connection, eventData, result));

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        EnsureOpen(connection);
        return result;
    }

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection,
        TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        EnsureOpen(connection);
        return ValueTask.FromResult(result);
    }

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

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnsureOpen(command.Connection);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        EnsureOpen(command.Connection);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnsureOpen(command.Connection);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        EnsureOpen(command.Connection);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (!_reading.TryGetValue(eventData.DataReader, out var session))
        {
            return result;
        }

        // Disposed here, before the session is rented again: disposing resets the statement and ends its read. (EF has
        // closed it already, and disposes it again, a no-op.) Not suppressed: EF then also releases its own connection,
        // whose use it counts; a count left behind would keep the context's connection "in use" until the pool resets it,
        // and SqliteWriteGate could not lend the context the write connection.
        _reading.Remove(eventData.DataReader);
        eventData.DataReader.Dispose();
        session.Release();
        Return(session);
        return result;
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

    private bool Defers(DbConnection connection) => !_disposed && connection is SqliteConnection;

    /// <summary>Opens EF's connection for real (with its busy timeout), if opening it was deferred.</summary>
    private static void EnsureOpen(DbConnection? connection)
    {
        if (connection is SqliteConnection { State: ConnectionState.Closed } sqlite)
        {
            sqlite.Open();
            SqliteBusyTimeout.Apply(sqlite);
        }
    }

    private SqliteDataReader? Execute(DbCommand command)
    {
        if (_disposed
            || command is not SqliteCommand { Transaction: null, Connection: { } connection } sqlite
            || !sqlite.CommandText.StartsWith("SELECT", StringComparison.Ordinal))
        {
            EnsureOpen(command.Connection);
            return null;
        }

        var session = Rent(connection.ConnectionString);
        try
        {
            if (session.Execute(sqlite) is not { } reader)
            {
                Return(session);
                EnsureOpen(connection);
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

    /// <summary>
    /// Runs one of Infrastructure's own reads (<see cref="Direct.SqliteDirectReads"/>) on a session, its statement prepared
    /// once per session, and gives its first row to <paramref name="map"/>.
    /// </summary>
    public TResult? ReadRow<TState, TResult>(
        string connectionString,
        Direct.DirectSelect select,
        string? first,
        string? second,
        TState state,
        Func<DbDataReader, TState, TResult> map)
        where TResult : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var session = Rent(connectionString);
        TResult? result;
        try
        {
            result = session.ReadRow(select, first, second, state, map);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        Return(session);
        return result;
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
        private readonly Dictionary<Direct.DirectSelect, SqliteCommand> _own = [];
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

        public TResult? ReadRow<TState, TResult>(Direct.DirectSelect select, string? first, string? second, TState state, Func<DbDataReader, TState, TResult> map)
            where TResult : class
        {
            if (!_own.TryGetValue(select, out var command))
            {
                command = Connection.CreateCommand();
                command.CommandText = select.Sql;
                for (var i = 0; i < select.Parameters.Count; i++)
                {
                    command.Parameters.Add(select.Parameters[i].CreateParameter(command, Direct.DirectSelect.ParameterName(i), null));
                }

                _own.Add(select, command);
            }

            var parameters = command.Parameters;
            try
            {
                for (var i = 0; i < parameters.Count; i++)
                {
                    parameters[i].Value = (i == 0 ? first : second) ?? (object)DBNull.Value;
                }

                // Disposed before the session is given back: disposing resets the statement and ends its read.
                using var reader = command.ExecuteReader();
                return reader.Read() ? map(reader, state) : null;
            }
            finally
            {
                for (var i = 0; i < parameters.Count; i++)
                {
                    parameters[i].Value = DBNull.Value;
                }
            }
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
