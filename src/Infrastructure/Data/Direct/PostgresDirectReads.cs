using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ProxyAdmin.Infrastructure.Data.Direct;

/// <summary>
/// PostgreSQL: the reads run on the context's own connection, opened and closed through EF's relational connection (so its
/// connection interceptors run and a connection EF already holds open stays open); Npgsql prepares the statement on the server
/// after a few runs (<c>Max Auto Prepare</c>), as it does EF's. Its parameters are positional (<see cref="DirectSelect.Placeholder"/>), and a command is made once per connection object.
/// </summary>
internal sealed class PostgresDirectReads : DirectReads
{
    // A pooled context keeps its connection object: each keeps its commands, made once (their parameters with them),
    // and they go with it when the pool lets it go. A context serves one request at a time, and so do its commands.
    private readonly ConditionalWeakTable<DbConnection, Dictionary<DirectSelect, DbCommand>> _commands = new();

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
        var command = CommandFor(db, select);
        try
        {
            var parameters = command.Parameters;
            for (var i = 0; i < parameters.Count; i++)
            {
                parameters[i].Value = (i == 0 ? first : second) ?? (object)DBNull.Value;
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? map(reader, state) : null;
        }
        finally
        {
            for (var i = 0; i < command.Parameters.Count; i++)
            {
                command.Parameters[i].Value = DBNull.Value;
            }

            await connection.CloseAsync();
        }
    }

    private DbCommand CommandFor(ProxyAdminDbContext db, DirectSelect select)
    {
        var connection = db.Database.GetDbConnection();
        var commands = _commands.GetValue(connection, static _ => []);
        if (!commands.TryGetValue(select, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = select.Sql;
            for (var i = 0; i < select.Parameters.Count; i++)
            {
                // Unnamed: bound by position to $1, $2 (DirectSelect.Placeholder).
                command.Parameters.Add(select.Parameters[i].CreateParameter(command, string.Empty, null));
            }

            commands.Add(select, command);
        }

        command.CommandTimeout = db.Database.GetCommandTimeout() ?? command.CommandTimeout;
        return command;
    }
}
