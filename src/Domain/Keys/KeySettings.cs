using System.Text.Json.Nodes;

namespace ProxyAdmin.Domain.Keys;

/// <summary>The caller-chosen settings of a key; a null field is "not given".</summary>
public sealed record KeySettings
{
    public string? KeyAlias { get; init; }
    public string? TeamId { get; init; }
    public string? ProjectId { get; init; }
    public List<string>? Models { get; init; }
    public double? MaxBudget { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }

    /// <summary>How long from now the key stays valid (<see cref="Common.BudgetDuration"/> format).</summary>
    public string? Duration { get; init; }

    public JsonObject? Metadata { get; init; }
    public bool? Blocked { get; init; }
}
