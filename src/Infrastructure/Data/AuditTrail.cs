using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>Stages audit rows in the same DbContext, and so the same transaction, as the write they describe.</summary>
internal sealed class AuditTrail(ProxyAdminDbContext db, ICurrentCaller caller, TimeProvider clock) : IAuditTrail
{
    /// <summary>The wire format, so audit values read exactly like API responses.</summary>
    internal static readonly JsonSerializerOptions SnapshotOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public void Record(AuditAction action, string tableName, string objectId, object? before, object? after)
    {
        db.AuditLogs.Add(AuditEntry.Record(
            action,
            tableName,
            objectId,
            caller.UserId,
            caller.ApiKeyHash,
            Snapshot(before),
            Snapshot(after),
            clock.GetUtcNow().UtcDateTime));
    }

    internal static string? Snapshot(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var node = JsonSerializer.SerializeToNode(value, value.GetType(), SnapshotOptions);
        MaskSecrets(node);
        return node?.ToJsonString();
    }

    /// <summary>Every string under a secret-looking name, at any depth, keeps only its last four characters.</summary>
    internal static void MaskSecrets(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text) && SensitiveFields.IsSensitive(name))
                    {
                        obj[name] = SensitiveFields.Mask(text);
                    }
                    else
                    {
                        MaskSecrets(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    MaskSecrets(child);
                }

                break;
        }
    }
}
