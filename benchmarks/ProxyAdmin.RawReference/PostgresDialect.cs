using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace ProxyAdmin.RawReference;

internal sealed class PostgresDialect(string connectionString) : RawDialect
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public override ValueTask DisposeAsync() => _source.DisposeAsync();

    public override async Task<DbConnection> OpenAsync() => await _source.OpenConnectionAsync();

    public override DbParameter Parameter(string name, RawType type) => new NpgsqlParameter(
        name,
        type switch
        {
            RawType.FixedText => NpgsqlDbType.Char,
            RawType.Integer => NpgsqlDbType.Bigint,
            RawType.Real => NpgsqlDbType.Double,
            RawType.Boolean => NpgsqlDbType.Boolean,
            RawType.Timestamp => NpgsqlDbType.TimestampTz,
            RawType.Uuid => NpgsqlDbType.Uuid,
            _ => NpgsqlDbType.Text,
        });

    public override bool PreparesValueDependentPlans => false;

    public override object AuditId(Guid id) => id;

    public override bool NotifiesRevisions => true;

    /// <summary>The revision row's lock, taken by every write's first statement, queues writers.</summary>
    public override ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IDisposable?>(null);
}
