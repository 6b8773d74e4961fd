using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// The one connection this process's SQLite writers write on, kept open, with every statement run on it prepared once
/// (<see cref="SqliteWriteStatements"/>). <see cref="SqliteWriteGate"/> lets one writer at a time in, so one connection is
/// enough; the gate lends it to the writer's context for the transaction and takes it back before the next writer.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite keeps a prepared statement only as long as the command that prepared it, and a pooled context's
/// own connection is closed whenever the context goes back to the pool, which finalises them all: a
/// <c>POST /project/new</c> prepared every statement of its transaction afresh (the revision, the caller's key, the team,
/// the existence check, three inserts with their counting triggers compiled in), 20 % of the process's CPU under 8
/// concurrent writers, all of it inside the write lock every other writer waits on. The connection is made ready by EF
/// as EF's own are (its SQL functions, the command timeout) and gets the busy timeout (<see cref="SqliteBusyTimeout"/>).
/// Should anything close it, its commands are let go of, so none keeps a statement of a handle that went back to the
/// pool (Microsoft.Data.Sqlite stops tracking a command at the first close).
/// </remarks>
internal sealed class SqliteWriteSession : IDisposable
{
    private static readonly ConditionalWeakTable<SqliteConnection, SqliteWriteSession> Sessions = new();

    private readonly Dictionary<string, SqliteCommand> _bySql = new(StringComparer.Ordinal);
    private readonly HashSet<SqliteCommand> _busy = [];

    private SqliteWriteSession(SqliteConnection connection)
    {
        Connection = connection;
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState != ConnectionState.Open)
            {
                Forget();
            }
        };
    }

    public SqliteConnection Connection { get; }

    public string ConnectionString => Connection.ConnectionString;

    /// <summary>Opens the write connection to the database <paramref name="connectionString"/> names.</summary>
    public static SqliteWriteSession Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            // EF makes a connection it is given ready in its constructor, as it does those it creates; it does not own it.
            using (var context = new DbContext(new DbContextOptionsBuilder().UseSqlite(connection).Options))
            {
                _ = context.Database.GetDbConnection();
            }

            connection.Open();
            SqliteBusyTimeout.Apply(connection);
            var session = new SqliteWriteSession(connection);
            Sessions.AddOrUpdate(connection, session);
            return session;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The session whose connection this is, if it is a write connection.</summary>
    public static SqliteWriteSession? Of(DbConnection? connection) =>
        connection is SqliteConnection sqlite && Sessions.TryGetValue(sqlite, out var session) ? session : null;

    /// <summary>
    /// This connection's command for <paramref name="sql"/>, prepared at its first run and kept; null while it is still
    /// in use (a reader of it not yet disposed) or when the session keeps as many statements as it may. Give it back with
    /// <see cref="Give"/>.
    /// </summary>
    public SqliteCommand? Take(string sql)
    {
        if (Connection.State != ConnectionState.Open)
        {
            return null;
        }

        if (!_bySql.TryGetValue(sql, out var kept))
        {
            if (_bySql.Count >= SqliteReadSessions.StatementsPerSession)
            {
                return null;
            }

            kept = Connection.CreateCommand();
            kept.CommandText = sql;
            _bySql.Add(sql, kept);
        }

        return _busy.Add(kept) ? kept : null;
    }

    /// <summary>Lets go of the statement's values and transaction; the command may be taken again.</summary>
    public void Give(SqliteCommand kept)
    {
        kept.Parameters.Clear();
        kept.Transaction = null;
        _busy.Remove(kept);
    }

    public void Dispose()
    {
        Sessions.Remove(Connection);
        Forget();
        Connection.Dispose();
    }

    private void Forget()
    {
        foreach (var command in _bySql.Values)
        {
            command.Dispose();
        }

        _bySql.Clear();
        _busy.Clear();
    }
}
