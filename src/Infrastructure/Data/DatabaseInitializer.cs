using Microsoft.Extensions.DependencyInjection;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>Brings the database to the current schema the way every deployment does: by migrations.</summary>
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
    }
}
