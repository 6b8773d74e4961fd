using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// PostgreSQL cannot hold the NUL character (U+0000) in text and refuses any statement that sends one, even a lookup
/// (SQLSTATE 22021). A client can send it in any id or query value, so the refusal is answered as the client's
/// mistake, a 400, instead of a 500. SQLite stores the character; this is the one place the providers differ.
/// </summary>
internal sealed class PostgresUnstorableText : DbCommandInterceptor
{
    public const string Message = "A text value holds the NUL character (U+0000), which the database cannot store or compare.";

    public static PostgresUnstorableText Interceptor { get; } = new();

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Refuse(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Refuse(eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Refuse(Exception exception)
    {
        if (exception is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire })
        {
            throw new BadRequestException(Message);
        }
    }
}
