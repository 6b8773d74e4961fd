using System.Data.Common;

namespace ProxyAdmin.Infrastructure.Data.Direct;

/// <summary>
/// PostgreSQL: the reads run on the context's own connection, opened and closed through EF (so its connection
/// interceptors run and a connection EF already holds open stays open); Npgsql prepares the statement on the server
/// after a few runs (<c>Max Auto Prepare</c>), as it does EF's. Its parameters are positional (<see cref="DirectSelect.Placeholder"/>).
/// </summary>
internal sealed class PostgresDirectReads : DirectReads
{
    public override async ValueTask<TResult?> ReadRowAsync<TState, TResult>(
        ProxyAdminDbContext db,
        DirectSelect select,
        string? first,
        string? second,
        TState state,
        Func<DbDataReader, TState, TResult> map,
        CancellationToken cancellationToken)
        where TResult : class
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = select.Sql;
            if (db.Database.GetCommandTimeout() is { } timeout)
            {
                command.CommandTimeout = timeout;
            }

            for (var i = 0; i < select.Parameters.Count; i++)
            {
                // Unnamed: bound by position to $1, $2 (DirectSelect.Placeholder).
                command.Parameters.Add(select.Parameters[i].CreateParameter(command, string.Empty, i == 0 ? first : second));
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? map(reader, state) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
