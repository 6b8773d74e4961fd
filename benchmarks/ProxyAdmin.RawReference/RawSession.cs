using System.Buffers;
using System.Data.Common;
using System.Text.Json;

namespace ProxyAdmin.RawReference;

/// <summary>
/// One open connection with every statement prepared on it once, and a JSON buffer: requests rent a session, so no
/// statement is compiled twice and no connection is opened per request.
/// </summary>
internal sealed class RawSession : IAsyncDisposable
{
    private RawSession(DbConnection connection, RawDialect d)
    {
        Connection = connection;
        KeyLookup = d.Prepare(connection, RawSql.KeyLookup, ("token", RawType.FixedText));
        KeyInfo = d.Prepare(connection, RawSql.KeyInfo, ("token", RawType.FixedText));
        ProjectInfo = d.Prepare(connection, RawSql.ProjectInfo, ("project", RawType.Text), ("user", RawType.Text));
        CountAll = d.Prepare(connection, RawSql.ProjectCountAll);
        PageAll = d.PreparePage(connection, RawSql.ProjectPageAll, ("take", RawType.Integer), ("skip", RawType.Integer));
        CountOfMember = d.Prepare(connection, RawSql.ProjectCountOfMember, ("user", RawType.Text));
        PageOfMember = d.PreparePage(connection, RawSql.ProjectPageOfMember, ("user", RawType.Text), ("take", RawType.Integer), ("skip", RawType.Integer));
        BumpRevision = d.Prepare(connection, RawSql.BumpRevision);
        NotifyRevision = d.NotifiesRevisions ? d.Prepare(connection, RawSql.NotifyRevision, ("revision", RawType.Text)) : null;
        TeamForWrite = d.Prepare(connection, RawSql.TeamForWrite, ("team", RawType.Text), ("user", RawType.Text));
        ProjectExists = d.Prepare(connection, RawSql.ProjectExists, ("project", RawType.Text));
        InsertBudget = d.Prepare(connection, RawSql.InsertBudget, ("budget", RawType.Text), ("max_budget", RawType.Real), ("at", RawType.Timestamp), ("by", RawType.Text));
        InsertProject = d.Prepare(
            connection,
            RawSql.InsertProject,
            ("project", RawType.Text),
            ("alias", RawType.Text),
            ("description", RawType.Text),
            ("team", RawType.Text),
            ("budget", RawType.Text),
            ("metadata", RawType.Text),
            ("models", RawType.Text),
            ("blocked", RawType.Boolean),
            ("at", RawType.Timestamp),
            ("by", RawType.Text));
        InsertAudit = d.Prepare(
            connection,
            RawSql.InsertAudit,
            ("id", RawType.Uuid),
            ("at", RawType.Timestamp),
            ("by", RawType.Text),
            ("key", RawType.Text),
            ("object", RawType.Text),
            ("after", RawType.Text));
        Json = new Utf8JsonWriter(Buffer, RawJson.WriterOptions);
        _writeCommands = [.. new[] { KeyLookup, BumpRevision, NotifyRevision, TeamForWrite, ProjectExists, InsertBudget, InsertProject, InsertAudit }.OfType<DbCommand>()];
    }

    private readonly DbCommand[] _writeCommands;

    public DbConnection Connection { get; }
    public DbCommand KeyLookup { get; }
    public DbCommand KeyInfo { get; }
    public DbCommand ProjectInfo { get; }
    public DbCommand CountAll { get; }
    public DbCommand PageAll { get; }
    public DbCommand CountOfMember { get; }
    public DbCommand PageOfMember { get; }
    public DbCommand BumpRevision { get; }
    public DbCommand? NotifyRevision { get; }
    public DbCommand TeamForWrite { get; }
    public DbCommand ProjectExists { get; }
    public DbCommand InsertBudget { get; }
    public DbCommand InsertProject { get; }
    public DbCommand InsertAudit { get; }

    public ArrayBufferWriter<byte> Buffer { get; } = new(16 * 1024);

    /// <summary>Writes into <see cref="Buffer"/>; call <see cref="StartJson"/> first.</summary>
    public Utf8JsonWriter Json { get; }

    public static async Task<RawSession> OpenAsync(RawDialect dialect) => new(await dialect.OpenAsync(), dialect);

    public Utf8JsonWriter StartJson()
    {
        Buffer.ResetWrittenCount();
        Json.Reset(Buffer);
        return Json;
    }

    /// <summary>Every statement of a write runs in its transaction (Microsoft.Data.Sqlite insists).</summary>
    public void Enlist(DbTransaction? transaction)
    {
        foreach (var command in _writeCommands)
        {
            command.Transaction = transaction;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Json.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
