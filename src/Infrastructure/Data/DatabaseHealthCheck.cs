using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// The database's health check (registered as <see cref="Name"/> with ASP.NET Core's health checks, under the timeout
/// the registration gives): a real query on a real table, on EF's own connection opened afresh (a SQLite read session
/// kept open would still read a file deleted under it), and no migration of this version left unapplied. A SQLite file
/// deleted, moved or replaced under the service is unhealthy without opening anything, which would create an empty file.
/// </summary>
/// <param name="sqliteFile">SQLite only.</param>
internal sealed class DatabaseHealthCheck(ProxyAdminDbContext db, SqliteDatabaseFile? sqliteFile = null) : IHealthCheck
{
    public const string Name = "database";

    /// <summary>A database that takes longer than this to answer is not ready: a probe must not hang with it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>The key of <see cref="HealthCheckResult.Data"/> that holds the number of pending migrations.</summary>
    public const string PendingMigrations = "pending_migrations";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (sqliteFile?.Problem() is { } problem)
        {
            return HealthCheckResult.Unhealthy(problem);
        }

        try
        {
            await db.Users.AsNoTracking().TagWith(SqliteReadSessions.Bypass).Select(u => u.UserId).FirstOrDefaultAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            var data = new Dictionary<string, object> { [PendingMigrations] = pending };
            return pending == 0
                ? HealthCheckResult.Healthy("The database answers and has every migration.", data)
                : HealthCheckResult.Unhealthy($"The database lacks {pending} migration(s) of this version: apply them (MigrateOnStartup, or the migration script).", data: data);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Only the exception's type: a driver's message may carry a host name or a user.
            return HealthCheckResult.Unhealthy($"The database does not answer ({exception.GetType().Name}).");
        }
    }
}
