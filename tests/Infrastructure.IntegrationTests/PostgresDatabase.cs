using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// A PostgreSQL database of its own, created with a unique name on the server <c>PROXYADMIN_TEST_POSTGRES</c> names
/// and dropped afterwards. <c>dotnet cake</c> always sets the variable (it starts a throwaway server when none is
/// given); a bare <c>dotnet test</c> without it reports these tests as skipped.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string ServerVariable = "PROXYADMIN_TEST_POSTGRES";

    private readonly string _server;

    private PostgresDatabase(string server)
    {
        _server = server;
        Name = "proxyadmin_it_" + Guid.NewGuid().ToString("N");
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The server's connection string, or an ignored test when there is none.</summary>
    public static string Server()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Ignore($"No PostgreSQL here: set {ServerVariable} to a connection string (dotnet cake starts a throwaway server).");
        }

        return server!;
    }

    /// <summary>An empty database: no schema, no migration.</summary>
    public static async Task<PostgresDatabase> CreateEmptyAsync()
    {
        var database = new PostgresDatabase(Server());
        await database.OnServerAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public static async Task<PostgresDatabase> CreateMigratedAsync()
    {
        var database = await CreateEmptyAsync();
        await using var context = database.NewContext();
        await context.Database.MigrateAsync();
        return database;
    }

    /// <param name="connectionSettings">Changes to the connection string, e.g. a command timeout.</param>
    public PostgresProxyAdminDbContext NewContext(Action<NpgsqlConnectionStringBuilder>? connectionSettings = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        connectionSettings?.Invoke(builder);
        return new(new DbContextOptionsBuilder<PostgresProxyAdminDbContext>().UseNpgsql(builder.ConnectionString).Options);
    }

    public async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
