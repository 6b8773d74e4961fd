using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// Runs EF's statements on the SQLite write connection (<see cref="SqliteWriteSession"/>) through that connection's kept
/// commands, so each SQL text is prepared once per process instead of once per write. EF still builds its command, binds
/// the values and reads the result; only the prepared statement comes from here. A statement whose kept command is
/// still reading (or past the session's limit) runs on EF's own command, as before.
/// </summary>
internal sealed class SqliteWriteStatements : DbCommandInterceptor
{
    private readonly ConditionalWeakTable<DbDataReader, Taken> _reading = new();

    public static SqliteWriteStatements Interceptor { get; } = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (result.HasResult || Take(command) is not { } taken)
        {
            return result;
        }

        try
        {
            var reader = taken.Command.ExecuteReader();
            _reading.Add(reader, taken);
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }
        catch
        {
            taken.Give();
            throw;
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        // Microsoft.Data.Sqlite executes synchronously even when asked asynchronously; so does this.
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReaderExecuting(command, eventData, result));
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (result.HasResult || Take(command) is not { } taken)
        {
            return result;
        }

        try
        {
            return InterceptionResult<int>.SuppressWithResult(taken.Command.ExecuteNonQuery());
        }
        finally
        {
            taken.Give();
        }
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(NonQueryExecuting(command, eventData, result));
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (result.HasResult || Take(command) is not { } taken)
        {
            return result;
        }

        try
        {
            return InterceptionResult<object>.SuppressWithResult(taken.Command.ExecuteScalar() ?? DBNull.Value);
        }
        finally
        {
            taken.Give();
        }
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command,
        CommandEventData eventData,
        InterceptionResult<object> result,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ScalarExecuting(command, eventData, result));
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (result.IsSuppressed || !_reading.TryGetValue(eventData.DataReader, out var taken))
        {
            return result;
        }

        // Disposed before the values are let go of: a reader binds a later statement's values when it reaches it, and
        // disposing resets the statement. (EF has closed it already, and disposes it again, a no-op.) Not suppressed, so
        // that EF releases the connection, whose use it counts: the gate takes the connection back only when EF counts none.
        _reading.Remove(eventData.DataReader);
        eventData.DataReader.Dispose();
        taken.Give();
        return result;
    }

    /// <summary>The write connection's kept command for EF's <paramref name="command"/>, holding its values; null when there is none to use.</summary>
    private static Taken? Take(DbCommand command)
    {
        if (command is not SqliteCommand { Connection: var connection } sqlite
            || SqliteWriteSession.Of(connection) is not { } session
            || session.Take(sqlite.CommandText) is not { } kept)
        {
            return null;
        }

        kept.Transaction = sqlite.Transaction;
        kept.CommandTimeout = sqlite.CommandTimeout;
        foreach (SqliteParameter parameter in sqlite.Parameters)
        {
            kept.Parameters.Add(parameter);
        }

        return new Taken(session, kept);
    }

    private sealed record Taken(SqliteWriteSession Session, SqliteCommand Command)
    {
        public void Give() => Session.Give(Command);
    }
}
