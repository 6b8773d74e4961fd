using ProxyAdmin.Application.Health;

namespace ProxyAdmin.Infrastructure.Data;

internal sealed class DatabaseProbe(ProxyAdminDbContext db) : IDatabaseProbe
{
    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A real round trip to a real table: an empty or missing schema is not ready either.
            await db.Users.AsNoTracking().Select(u => u.UserId).FirstOrDefaultAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return false;
        }
    }
}
