using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Keys;

/// <summary>A virtual key as routes return it: the hash and display name, never the secret.</summary>
public record KeyDto
{
    /// <summary>SHA-256 hex of the secret; accepted wherever a route asks for a key.</summary>
    public required string Token { get; init; }

    /// <summary>Abbreviated display form, e.g. <c>sk-...abcd</c>.</summary>
    public required string KeyName { get; init; }

    public required string? KeyAlias { get; init; }
    public required string? UserId { get; init; }
    public required string? TeamId { get; init; }
    public required string? ProjectId { get; init; }
    public required List<string> Models { get; init; }
    public required double? MaxBudget { get; init; }
    public required double Spend { get; init; }
    public required long? TpmLimit { get; init; }
    public required long? RpmLimit { get; init; }
    public required int? MaxParallelRequests { get; init; }
    public required string? BudgetDuration { get; init; }
    public required DateTime? BudgetResetAt { get; init; }
    public required DateTime? Expires { get; init; }
    public required JsonObject Metadata { get; init; }
    public required bool Blocked { get; init; }
    public required int RotationCount { get; init; }
    public required DateTime? LastRotationAt { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }
}
