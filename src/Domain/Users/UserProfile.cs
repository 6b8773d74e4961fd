using System.Text.Json.Nodes;

namespace ProxyAdmin.Domain.Users;

/// <summary>The caller-chosen fields of a user; a null field is "not given".</summary>
public sealed record UserProfile
{
    public string? UserEmail { get; init; }
    public string? UserAlias { get; init; }
    public double? MaxBudget { get; init; }
    public List<string>? Models { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }
    public JsonObject? Metadata { get; init; }
}
