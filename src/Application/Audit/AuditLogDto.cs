using System.Text.Json;
using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Audit;

/// <summary>One audit row as LiteLLM's <c>LiteLLM_AuditLogs</c>; values are JSON with secrets masked.</summary>
public sealed record AuditLogDto
{
    public required Guid Id { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string ChangedBy { get; init; }

    /// <summary>SHA-256 hex of the key that made the change.</summary>
    public required string ChangedByApiKey { get; init; }

    public required AuditAction Action { get; init; }
    public required string TableName { get; init; }
    public required string ObjectId { get; init; }
    public required JsonNode? BeforeValue { get; init; }
    public required JsonNode? UpdatedValues { get; init; }

    /// <summary>
    /// The row's place in the audit chain (1, 2, 3 … in commit order, no gaps: README, "Verifiable audit"); null only
    /// for a row that is not a link of the chain (written around the service).
    /// </summary>
    public required long? Sequence { get; init; }

    /// <summary>Lower-case hex SHA-256 over the previous row's hash and this row's canonical content; null exactly when <see cref="Sequence"/> is.</summary>
    public required string? Hash { get; init; }

    public static AuditLogDto From(AuditEntry entry) => new()
    {
        Id = entry.Id,
        UpdatedAt = entry.UpdatedAt,
        ChangedBy = entry.ChangedBy,
        ChangedByApiKey = entry.ChangedByApiKey,
        Action = entry.Action,
        TableName = entry.TableName,
        ObjectId = entry.ObjectId,
        BeforeValue = ValueOf(entry.BeforeValue),
        UpdatedValues = ValueOf(entry.UpdatedValues),
        Sequence = entry.Sequence,
        Hash = entry.Hash,
    };

    /// <summary>
    /// The stored JSON, or, when the column no longer holds JSON (edited around the service), the stored text as a
    /// JSON string: the reader sees what is there and <c>GET /audit/verify</c> reports the row, where a parse failure
    /// would make every read of the log that reaches the row a 500.
    /// </summary>
    private static JsonNode? ValueOf(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(stored);
        }
        catch (JsonException)
        {
            return JsonValue.Create(stored);
        }
    }
}
