using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Infrastructure.Json;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>Stages audit rows in the same DbContext, and so the same transaction, as the write they describe.</summary>
internal sealed class AuditTrail(ProxyAdminDbContext db, ICurrentCaller caller, TimeProvider clock, WireJsonOptions wireJson) : IAuditTrail
{
    /// <summary>System.Text.Json's default depth, which audit snapshots have always been written with.</summary>
    private const int SnapshotMaxDepth = 64;

    public void Record(AuditAction action, string tableName, string objectId, object? before, object? after)
    {
        db.AuditLogs.Add(AuditEntry.Record(
            action,
            tableName,
            objectId,
            caller.Principal.Id,
            caller.Principal.KeyToken,
            Snapshot(before),
            Snapshot(after),
            clock.GetUtcNow().UtcDateTime));
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

        var node = JsonNode.Parse(buffer.WrittenSpan);
        SensitiveFields.MaskSecretsIn(node);
        return node?.ToJsonString();
    }
}
