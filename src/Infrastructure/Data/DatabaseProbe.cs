using ProxyAdmin.Application.Health;

namespace ProxyAdmin.Infrastructure.Data;

internal sealed class DatabaseProbe(ProxyAdminDbContext db) : IDatabaseProbe
{
    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
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
