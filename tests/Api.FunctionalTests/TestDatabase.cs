using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The database under one <see cref="ProxyAdminApp"/>, of the provider this run tests: a SQLite file in the app's own
/// folder, or a PostgreSQL database of its own (created with a unique name, dropped on dispose) on the server
/// <c>PROXYADMIN_TEST_POSTGRES</c> names. Tests that plant or inspect rows go through here, in SQL both providers
/// read alike: identifiers in double quotes, parameters as <c>@name</c>.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "PROXYADMIN_TEST_PROVIDER";
    public const string PostgresVariable = "PROXYADMIN_TEST_POSTGRES";

    private readonly string? _postgresServer;
    private bool _dropped;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresServer)
    {
        Provider = provider;
        ConnectionString = connectionString;
        SqliteFile = sqliteFile;
        _postgresServer = postgresServer;
    }

    /// <summary>The provider this test run exercises: <c>PROXYADMIN_TEST_PROVIDER</c>, SQLite when unset.</summary>
    public static DatabaseProvider ProviderUnderTest { get; } =
        Enum.Parse<DatabaseProvider>(Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } name ? name : nameof(DatabaseProvider.Sqlite), ignoreCase: true);

    public DatabaseProvider Provider { get; }

    /// <summary>The service's connection string (<c>ConnectionStrings:ProxyAdmin</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public string? SqliteFile { get; }

    public static TestDatabase Create(string directory)
    {
        switch (ProviderUnderTest)
        {
            case DatabaseProvider.Sqlite:
                var file = Path.Combine(directory, "proxyadmin.db");
                return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file}", file, null);
            case DatabaseProvider.Postgres:
                var server = Environment.GetEnvironmentVariable(PostgresVariable);
                if (string.IsNullOrWhiteSpace(server))
                {
                    throw new InvalidOperationException($"{ProviderVariable}=Postgres needs {PostgresVariable}: a connection string to a PostgreSQL server on which this run may create and drop databases (`dotnet cake` starts a throwaway one).");
                }

                var name = "proxyadmin_test_" + Guid.NewGuid().ToString("N");
                RunOnServer(server, $"CREATE DATABASE \"{name}\"");
                var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
                return new TestDatabase(DatabaseProvider.Postgres, connectionString, null, server);
            default:
                throw new InvalidOperationException($"The functional tests run on SQLite or PostgreSQL, not {ProviderUnderTest}.");
        }
    }

    public async Task<object?> Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Open(readOnly: true);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    public async Task<int> Execute(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Open(readOnly: false);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every value of the first column <paramref name="sql"/> selects, as text.</summary>
    public async Task<List<string>> Strings(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Open(readOnly: true);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>
    /// Every row of every table, each as its values in column order, in a stable order: two snapshots are equal exactly
    /// when nothing was written between them (the schema's own history included).
    /// </summary>
    public async Task<SortedDictionary<string, List<string>>> Contents()
    {
        await using var connection = await Open(readOnly: true);
        var tables = new List<string>();
        await using (var list = Command(
            connection,
            Provider == DatabaseProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            []))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var contents = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var select = Command(connection, $"SELECT * FROM \"{table}\"", []);
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var values = new string[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.GetValue(i) switch
                    {
                        DBNull => "null",
                        byte[] bytes => Convert.ToHexString(bytes),
                        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                        var value => value.ToString() ?? string.Empty,
                    };
                }

                rows.Add(string.Join(" | ", values));
            }

            rows.Sort(StringComparer.Ordinal);
            contents[table] = rows;
        }

        return contents;
    }

    /// <summary>Writes rows as an older database holds them: foreign keys are not checked, as the rows predate the rules.</summary>
    public async Task<int> ExecuteWithoutForeignKeys(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Open(readOnly: false);
        await using (var off = connection.CreateCommand())
        {
            // SQLite's switch is per connection; PostgreSQL's replica role skips the triggers that check foreign keys, for this session only.
            off.CommandText = Provider == DatabaseProvider.Sqlite ? "PRAGMA foreign_keys = OFF" : "SET session_replication_role = replica";
            await off.ExecuteNonQueryAsync();
        }

        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Takes the database away under the running service: the SQLite folder is deleted, the PostgreSQL database dropped.</summary>
    public void Destroy(string directory)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            // Pooled connections keep a deleted file alive; without them SQLite cannot even create a new one. The
            // service's revision poller may open the file again between the listing and the removal of the folder, so
            // the removal is tried again until the folder is gone.
            for (var attempt = 1; ; attempt++)
            {
                CloseConnections();
                try
                {
                    Directory.Delete(directory, recursive: true);
                    return;
                }
                catch (IOException) when (attempt < 20)
                {
                    Thread.Sleep(25);
                }
            }
        }
        else
        {
            Drop();
        }
    }

    /// <summary>Leaves a database that opens but holds no table: an empty SQLite file, an empty PostgreSQL schema.</summary>
    public async Task EmptyTheSchema()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            CloseConnections();
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(SqliteFile)!, Path.GetFileName(SqliteFile) + "*"))
            {
                File.Delete(file);
            }

            await File.WriteAllBytesAsync(SqliteFile!, []);
        }
        else
        {
            await Execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        }
    }

    /// <summary>
    /// The files the database is stored in, written out first: the SQLite file with its WAL; on PostgreSQL the
    /// database's own directory and the server's write-ahead log, after a checkpoint. Null when the PostgreSQL
    /// server's files cannot be read from here (a server on another machine).
    /// </summary>
    public async Task<List<string>?> StorageFiles()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return [.. Directory.GetFiles(Path.GetDirectoryName(SqliteFile)!, Path.GetFileName(SqliteFile) + "*")];
        }

        await Execute("CHECKPOINT");
        var dataDirectory = (string)(await Scalar("SELECT current_setting('data_directory')"))!;
        var oid = Convert.ToString(await Scalar("SELECT oid FROM pg_database WHERE datname = current_database()"), System.Globalization.CultureInfo.InvariantCulture)!;
        var databaseDirectory = Path.Combine(dataDirectory, "base", oid);
        var wal = Path.Combine(dataDirectory, "pg_wal");
        if (!Directory.Exists(databaseDirectory) || !Directory.Exists(wal))
        {
            return null;
        }

        return [.. Directory.GetFiles(databaseDirectory), .. Directory.GetFiles(wal).Where(f => Path.GetFileName(f).Length == 24)];
    }

    /// <summary>Closes this database's idle pooled connections, and only this database's.</summary>
    public void CloseConnections()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            using var connection = new SqliteConnection(ConnectionString);
            SqliteConnection.ClearPool(connection);
        }
        else
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    public void Dispose()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            Drop();
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }
    }

    private void Drop()
    {
        if (_dropped)
        {
            return;
        }

        CloseConnections();

        // FORCE ends the connections another pool still holds (a test's own client, a service not yet disposed).
        RunOnServer(_postgresServer!, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)");
        _dropped = true;
    }

    private static void RunOnServer(string server, string sql)
    {
        // No pooling: these connections to the maintenance database would otherwise pile up across the run.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<DbConnection> Open(bool readOnly)
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection($"{ConnectionString};Mode={(readOnly ? "ReadOnly" : "ReadWrite")};Pooling=False")
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

}
