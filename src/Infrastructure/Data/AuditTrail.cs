using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Infrastructure.Json;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// Stages audit rows in the same DbContext, and so the same transaction, as the write they describe; each is counted
/// once its transaction commits (<see cref="AuditMetrics"/>).
/// </summary>
/// <param name="unitOfWork">Null only where no row is ever committed (snapshot tests).</param>
/// <param name="chain">Where each row waits for its place in the audit chain, given at the save; null only where no row is ever committed (snapshot tests).</param>
internal sealed class AuditTrail(
    ProxyAdminDbContext db,
    ICurrentCaller caller,
    TimeProvider clock,
    WireJsonOptions wireJson,
    IUnitOfWork? unitOfWork = null,
    AuditMetrics? metrics = null,
    AuditChainAppender? chain = null) : IAuditTrail
{
    /// <summary>System.Text.Json's default depth, which audit snapshots have always been written with.</summary>
    private const int SnapshotMaxDepth = 64;

    public void Record(AuditAction action, string tableName, string objectId, object? before, object? after) =>
        RecordOnBehalfOf(caller.Principal.Id, caller.Principal.KeyToken, action, tableName, objectId, before, after);

    public void RecordOnBehalfOf(string changedBy, string changedByApiKey, AuditAction action, string tableName, string objectId, object? before, object? after)
    {
        var entry = AuditEntry.Record(
            action,
            tableName,
            objectId,
            changedBy,
            changedByApiKey,
            Snapshot(before),
            Snapshot(after),
            clock.GetUtcNow().UtcDateTime);
        db.AuditLogs.Add(entry);
        chain?.Stage(entry);

        // A retried command's unit of work forgets the callbacks of the attempt that failed, so only committed rows count.
        if (metrics is { Enabled: true } && unitOfWork is not null)
        {
            unitOfWork.OnCommitted(() => metrics.Committed(tableName));
        }
    }

    /// <summary>
    /// The value as the API writes it (the wire options, so audit values read exactly like responses), with
    /// secrets masked.
    /// </summary>
    /// <remarks>
    /// Written to bytes and read back rather than <c>SerializeToNode</c>: nodes made by the serializer inherit the
    /// options' case-insensitive names (MVC starts from <see cref="JsonSerializerDefaults.Web"/>), and two metadata
    /// keys differing only in case would then make masking throw. The writer keeps the snapshots' depth limit (64)
    /// instead of MVC's 32 for request bodies, because a DTO may nest request JSON one level deeper than the request
    /// did; no row that was recorded before is refused now.
    /// </remarks>
    internal string? Snapshot(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var options = wireJson.Serializer;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, MaxDepth = SnapshotMaxDepth }))
        {
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
        }

        return options.Encoder is null && HoldsNothingToMask(buffer.WrittenSpan)
            ? Encoding.UTF8.GetString(buffer.WrittenSpan)
            : Masked(buffer.WrittenSpan);
    }

    /// <summary>The snapshot with its secrets masked, written back as <see cref="JsonNode.ToJsonString"/> writes (the default encoder).</summary>
    internal static string? Masked(ReadOnlySpan<byte> serialized)
    {
        var node = JsonNode.Parse(serialized);
        SensitiveFields.MaskSecretsIn(node);
        return node?.ToJsonString();
    }

    /// <summary>
    /// Whether <see cref="Masked"/> would give back these very bytes, so the parse into nodes and the second write can be
    /// skipped (they were a tenth of a project create's allocation, inside the write lock): no name at any depth may be
    /// secret (<see cref="SensitiveFields.MayBeSensitive"/>; an escaped name counts as one), and no object repeats a
    /// name (the nodes would decide what such an object becomes). The caller checks that the bytes were written with
    /// the default encoder, the one <see cref="JsonNode.ToJsonString"/> writes with: values and names then come back
    /// escaped exactly as they went in, and numbers keep their text.
    /// </summary>
    internal static bool HoldsNothingToMask(ReadOnlySpan<byte> serialized)
    {
        var reader = new Utf8JsonReader(serialized, new JsonReaderOptions { MaxDepth = SnapshotMaxDepth });

        // The names of the objects being read, innermost last: (depth, offset, length) into the serialized bytes.
        var names = new List<(int Depth, int Offset, int Length)>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var name = reader.ValueSpan;
                    if (reader.ValueIsEscaped || SensitiveFields.MayBeSensitive(name))
                    {
                        return false;
                    }

                    serialized.Overlaps(name, out var offset);
                    for (var i = names.Count - 1; i >= 0 && names[i].Depth == reader.CurrentDepth; i--)
                    {
                        if (serialized.Slice(names[i].Offset, names[i].Length).SequenceEqual(name))
                        {
                            return false;
                        }
                    }

                    names.Add((reader.CurrentDepth, offset, name.Length));
                    break;
                case JsonTokenType.EndObject:
                    while (names.Count > 0 && names[^1].Depth > reader.CurrentDepth)
                    {
                        names.RemoveAt(names.Count - 1);
                    }

                    break;
            }
        }

        return true;
    }
}
