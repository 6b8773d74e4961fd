using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>A migrated SQLite file of its own, deleted afterwards.</summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "proxyadmin-it-" + Guid.NewGuid().ToString("N"));

    private SqliteDatabase()
    {
        Directory.CreateDirectory(_directory);
        ConnectionString = $"Data Source={Path.Combine(_directory, "test.db")}";
    }

    public string ConnectionString { get; }

    public static async Task<SqliteDatabase> CreateMigratedAsync()
    {
        var database = new SqliteDatabase();
        await using var context = database.NewContext();
        await context.Database.MigrateAsync();
        return database;
    }

    /// <summary>A file migrated up to and including <paramref name="migration"/> only, as an older release left it.</summary>
    public static async Task<SqliteDatabase> CreateMigratedToAsync(string migration)
    {
        var database = new SqliteDatabase();
        await using var context = database.NewContext();
        await context.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(migration);
        return database;
    }

    /// <param name="connectionSettings">Extra connection-string settings, e.g. <c>Default Timeout=1</c>.</param>
    public SqliteProxyAdminDbContext NewContext(string? connectionSettings = null) =>
        new(new DbContextOptionsBuilder<SqliteProxyAdminDbContext>()
            .UseSqlite(connectionSettings is null ? ConnectionString : $"{ConnectionString};{connectionSettings}").Options);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
