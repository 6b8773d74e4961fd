using System.Data.Common;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ProxyAdmin.Infrastructure.Data.Direct;

/// <summary>
/// PostgreSQL: the reads run on the context's own connection, opened and closed through EF's relational connection (so its
/// connection interceptors run and a connection EF already holds open stays open). Its parameters are positional
/// (<see cref="DirectSelect.Placeholder"/>).
/// </summary>
/// <remarks>
/// A command is made for each read, not kept per connection object: each open of that object may get another physical
/// connection from the pool, and a command reused across them with automatic preparation (an operator may set
/// <c>Max Auto Prepare</c> in the connection string) is what Npgsql has had protocol bugs in (npgsql/npgsql#6432). A connection left out of step answers a later request's query with another query's rows
/// ("Received unexpected backend message DataRow", a 500 the fuzz test met on <c>/user/list</c>); a command costs less than that risk.
/// </remarks>
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
        // What EF's statements get from PostgresUnstorableText: these statements do not pass its interceptor, and the
        // server refuses a NUL in any text parameter (22021), which was a 500.
        if (first?.Contains('\0', StringComparison.Ordinal) == true || second?.Contains('\0', StringComparison.Ordinal) == true)
        {
            throw new BadRequestException(PostgresUnstorableText.Message);
        }

        // EF's connection itself, not DatabaseFacade.OpenConnectionAsync: the same open (interceptors, count of opens),
        // without the execution-strategy delegates the facade allocates around it (no retrying strategy is configured).
        var connection = db.GetService<IRelationalConnection>();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = CommandFor(db, select, first, second);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? map(reader, state) : null;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static DbCommand CommandFor(ProxyAdminDbContext db, DirectSelect select, string? first, string? second)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = select.Sql;
        command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
        for (var i = 0; i < select.Parameters.Count; i++)
        {
            // Unnamed: bound by position to $1, $2 (DirectSelect.Placeholder).
            command.Parameters.Add(select.Parameters[i].CreateParameter(command, string.Empty, (i == 0 ? first : second) ?? (object)DBNull.Value));
        }

        return command;
    }
}
