using Microsoft.Data.Sqlite;
using Npgsql;
using ProxyAdmin.RawReference;

namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>A database of the run's own: a SQLite file in a temporary folder, or a database created on a PostgreSQL server and dropped after.</summary>
internal sealed class BenchDatabase : IDisposable
{
    private readonly string? _directory;
    private readonly string? _server;

    private BenchDatabase(RawProvider provider, string connectionString, string? directory, string? server)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
        _server = server;
    }

    public RawProvider Provider { get; }

    public string ConnectionString { get; }

    public string Label => Provider == RawProvider.Sqlite ? "SQLite" : "PostgreSQL";

    public static BenchDatabase CreateSqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "proxyadmin-sockets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new BenchDatabase(RawProvider.Sqlite, $"Data Source={Path.Combine(directory, "proxyadmin.db")}", directory, null);
    }

    public static BenchDatabase CreatePostgres(string server)
    {
        var name = "proxyadmin_bench_" + Guid.NewGuid().ToString("N");
        RunOnServer(server, $"CREATE DATABASE \"{name}\"");
        return new BenchDatabase(RawProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, null, server);
    }

    public void Dispose()
    {
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            RunOnServer(_server, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)");
            return;
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory!, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static void RunOnServer(string server, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
