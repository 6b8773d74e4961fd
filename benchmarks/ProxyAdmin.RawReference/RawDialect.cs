using System.Data.Common;

namespace ProxyAdmin.RawReference;

/// <summary>What differs between SQLite and PostgreSQL for the raw reference; the SQL itself does not.</summary>
internal abstract class RawDialect : IAsyncDisposable
{
    public abstract ValueTask DisposeAsync();

    public abstract Task<DbConnection> OpenAsync();

    public abstract DbParameter Parameter(string name, RawType type);

    /// <summary>The audit row's id as the column holds it (EF Core writes a Guid as upper-case text on SQLite).</summary>
    public abstract object AuditId(Guid id);

    /// <summary>PostgreSQL replicas learn of commits by <c>NOTIFY</c> as well as by polling; SQLite's only poll.</summary>
    public abstract bool NotifiesRevisions { get; }

    /// <summary>
    /// Waits for this process's turn to write (SQLite takes one writer at a time, so writers queue here, asynchronously,
    /// rather than in SQLite's busy handler); null where the database queues writers itself.
    /// </summary>
    public abstract ValueTask<IDisposable?> EnterWriteAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Whether a statement whose best plan depends on its parameters' values (LIMIT/OFFSET) is prepared too. PostgreSQL
    /// switches a prepared statement to a generic plan after five runs, and the generic plan of a page is blind to the
    /// offset: it walks the index through every skipped row (seconds at a million) where the plan made for the values
    /// sorts once. So there it is sent unprepared, planned each time, as EF Core's (unprepared) queries are.
    /// </summary>
    public abstract bool PreparesValueDependentPlans { get; }

    public DbCommand Prepare(DbConnection connection, string sql, params (string Name, RawType Type)[] parameters) =>
        Command(connection, sql, prepare: true, parameters);

    /// <summary>A page query: prepared only where <see cref="PreparesValueDependentPlans"/>.</summary>
    public DbCommand PreparePage(DbConnection connection, string sql, params (string Name, RawType Type)[] parameters) =>
        Command(connection, sql, PreparesValueDependentPlans, parameters);

    private DbCommand Command(DbConnection connection, string sql, bool prepare, (string Name, RawType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(Parameter(name, type));
        }

        if (prepare)
        {
            command.Prepare();
        }

        return command;
    }
}
