using Microsoft.Extensions.DependencyInjection;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// Brings the database to the current schema the way every deployment does, by migrations, and then chains the audit
/// rows that hold no place in the audit chain yet (<see cref="AuditChainBackfill"/>).
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var db = scope.ServiceProvider.GetRequiredService<ProxyAdminDbContext>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one writer commits; the setting is stored in the file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        if (settings.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        // A schema the operator has not migrated yet has no chain to append to; readiness reports the pending migration.
        // Without migrations at start-up the service never needed the database to start, and still does not: if it
        // cannot be reached now, readiness says so, and the next start chains what is left.
        try
        {
            if (!(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                await AuditChainBackfill.RunAsync(services, cancellationToken);
            }
        }
        catch (Exception exception) when (!settings.MigrateOnStartup && IsUnusableDatabase(exception))
        {
        }
    }

    /// <summary>Whether <paramref name="exception"/> says the database cannot be used at all (rather than a bug): the start then ends with a message.</summary>
    public static bool IsUnusableDatabase(Exception exception) => exception switch
    {
        System.Data.Common.DbException or IOException or UnauthorizedAccessException or TimeoutException => true,
        _ => exception.InnerException is { } inner && IsUnusableDatabase(inner),
    };
}
