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

    public static AuditLogDto From(AuditEntry entry) => new()
    {
        Id = entry.Id,
        UpdatedAt = entry.UpdatedAt,
        ChangedBy = entry.ChangedBy,
        ChangedByApiKey = entry.ChangedByApiKey,
        Action = entry.Action,
        TableName = entry.TableName,
        ObjectId = entry.ObjectId,
        BeforeValue = entry.BeforeValue is null ? null : JsonNode.Parse(entry.BeforeValue),
        UpdatedValues = entry.UpdatedValues is null ? null : JsonNode.Parse(entry.UpdatedValues),
    };
}
