using System.Data.Common;

namespace ProxyAdmin.Infrastructure.Data.Direct;

/// <summary>
/// SQLite: the reads run on a kept-open connection of <see cref="SqliteReadSessions"/>, each statement prepared once per
/// connection, as EF's own reads outside a transaction do. Microsoft.Data.Sqlite executes synchronously even when asked
/// asynchronously; so does this.
/// </summary>
internal sealed class SqliteDirectReads(SqliteReadSessions sessions) : DirectReads
{
    public override ValueTask<TResult?> ReadRowAsync<TState, TResult>(
        ProxyAdminDbContext db,
        DirectSelect select,
        string? first,
        string? second,
        TState state,
        Func<DbDataReader, TState, TResult> map,
        CancellationToken cancellationToken)
        where TResult : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connectionString = db.Database.GetConnectionString() ?? throw new InvalidOperationException("The context has no connection string.");
        return ValueTask.FromResult(sessions.ReadRow(connectionString, select, first, second, state, map));
    }
}
