using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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

    public SqliteProxyAdminDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteProxyAdminDbContext>().UseSqlite(ConnectionString).Options);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
