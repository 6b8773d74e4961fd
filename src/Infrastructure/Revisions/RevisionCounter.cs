using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Revisions;

/// <summary>
/// Reads and increments the revision row (<see cref="DatabaseRevision"/>). The increment is the first statement of every
/// command's transaction: its row lock (SQLite's write lock, a row lock on the server databases) is held until the commit
/// or rollback, so writers queue on it, revisions are handed out in commit order, and a rolled-back command gives its
/// number back. On PostgreSQL the new revision is also announced on <see cref="Channel"/> from inside the transaction:
/// the server delivers it at the commit and drops it on a rollback, so listeners (<see cref="PostgresRevisionListener"/>)
/// hear only revisions that exist.
/// </summary>
/// <remarks>
/// Every write waits for the one before it to commit, so what runs here runs once per write, serially: on SQLite and
/// PostgreSQL the increment returns the new value itself (<c>RETURNING</c>), and PostgreSQL sends its write lock, the
/// increment and the announcement in one round trip (three statements, run in order, each after the one before it has
/// finished, so the increment still happens under the lock). SQL Server keeps the portable pair of statements.
/// </remarks>
internal static class RevisionCounter
{
    /// <summary>The PostgreSQL <c>NOTIFY</c> channel; the payload is the committed revision.</summary>
    public const string Channel = "proxyadmin_revision";

    private const string SqliteIncrement = """UPDATE "Revision" SET "Value" = "Value" + 1 WHERE "Id" = 1 RETURNING "Value";""";

    private static readonly string PostgresLockIncrementAnnounce =
        $"SELECT pg_advisory_xact_lock({PostgresWriteLock.Key});\n"
        + """UPDATE "Revision" SET "Value" = "Value" + 1 WHERE "Id" = 1 RETURNING "Value";""" + "\n"
        + $"""SELECT pg_notify('{Channel}', "Value"::text) FROM "Revision" WHERE "Id" = 1;""";

    /// <summary>
    /// Takes the next revision inside the open transaction; on PostgreSQL it first takes the write lock
    /// (<see cref="PostgresWriteLock"/>), which the same round trip carries.
    /// </summary>
    public static async Task<long> IncrementAsync(ProxyAdminDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            return await IncrementInOneStatementAsync(db, SqliteIncrement, resultSet: 0, cancellationToken);
        }

        if (db.Database.IsNpgsql())
        {
            return await IncrementInOneStatementAsync(db, PostgresLockIncrementAnnounce, resultSet: 1, cancellationToken);
        }

        var updated = await db.Revisions
            .Where(r => r.Id == DatabaseRevision.RowId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Value, r => r.Value + 1), cancellationToken);
        if (updated != 1)
        {
            throw MissingRow();
        }

        return await ReadAsync(db, cancellationToken);
    }

    public static Task<long> ReadAsync(ProxyAdminDbContext db, CancellationToken cancellationToken) =>
        db.Revisions.AsNoTracking()
            .Where(r => r.Id == DatabaseRevision.RowId)
            .Select(r => r.Value)
            .SingleAsync(cancellationToken);

    /// <param name="resultSet">Which of the statements' result sets holds the <c>RETURNING</c> row.</param>
    private static async Task<long> IncrementInOneStatementAsync(ProxyAdminDbContext db, string sql, int resultSet, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();

        // SQLite's write connection keeps the statement prepared (SqliteWriteSession); any other connection prepares it here.
        var session = SqliteWriteSession.Of(connection);
        var kept = session?.Take(sql);
        var command = kept ?? connection.CreateCommand();
        try
        {
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("The revision is taken inside a command's transaction.");
            if (db.Database.GetCommandTimeout() is { } timeout)
            {
                command.CommandTimeout = timeout;
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            for (var skipped = 0; skipped < resultSet; skipped++)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            if (!await reader.ReadAsync(cancellationToken))
            {
                throw MissingRow();
            }

            var revision = reader.GetInt64(0);
            await DrainAsync(reader, cancellationToken);
            return revision;
        }
        finally
        {
            if (kept is not null)
            {
                session!.Give(kept);
            }
            else
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>Runs the statements after the increment (the announcement) and surfaces their failures here.</summary>
    private static async Task DrainAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        while (await reader.NextResultAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
            }
        }
    }

    private static InvalidOperationException MissingRow() =>
        new("The revision row is missing: the database was not migrated by this version of ProxyAdmin.");
}
