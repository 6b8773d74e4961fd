using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ProxyAdmin.RawReference;

internal sealed class SqliteDialect(string connectionString) : RawDialect
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public override ValueTask DisposeAsync()
    {
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();

        // Once per connection, which this app keeps open: the same settings ProxyAdmin's connections use.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    public override DbParameter Parameter(string name, RawType type) => new SqliteParameter(
        "@" + name,
        type switch
        {
            RawType.Integer or RawType.Boolean => SqliteType.Integer,
            RawType.Real => SqliteType.Real,
            _ => SqliteType.Text,
        });

    public override bool PreparesValueDependentPlans => true;

    public override object AuditId(Guid id) => id.ToString().ToUpperInvariant();

    public override bool NotifiesRevisions => false;

    public override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return new Release(_writer);
    }

    private sealed class Release(SemaphoreSlim writer) : IDisposable
    {
        public void Dispose() => writer.Release();
    }
}
