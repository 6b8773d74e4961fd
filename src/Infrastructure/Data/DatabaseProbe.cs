using ProxyAdmin.Application.Health;

namespace ProxyAdmin.Infrastructure.Data;

/// <param name="sqliteFile">SQLite only: a file deleted, moved or replaced under the service is not ready, whatever
/// the connections still open on it answer; the probe then opens no connection, which would create an empty file.</param>
internal sealed class DatabaseProbe(ProxyAdminDbContext db, SqliteDatabaseFile? sqliteFile = null) : IDatabaseProbe
{
    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        if (sqliteFile?.Problem() is not null)
        {
            return false;
        }

        try
        {
            // A real round trip to a real table: an empty or missing schema is not ready either. On EF's own connection,
            // opened afresh: a SQLite read session kept open would still read a file deleted under it.
            await db.Users.AsNoTracking().TagWith(SqliteReadSessions.Bypass).Select(u => u.UserId).FirstOrDefaultAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return false;
        }
    }
}
