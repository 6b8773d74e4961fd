using System.Text.Json.Nodes;

namespace ProxyAdmin.Domain.Budgets;

/// <summary>The caller-chosen budget fields; a null field is "not given".</summary>
public sealed record BudgetSettings
{
    public double? MaxBudget { get; init; }
    public double? SoftBudget { get; init; }
    public int? MaxParallelRequests { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public JsonObject? ModelMaxBudget { get; init; }
    public string? BudgetDuration { get; init; }

    /// <summary>When the spend resets next (UTC); only <c>/budget/new</c> and <c>/budget/update</c> set it directly.</summary>
    public DateTime? BudgetResetAt { get; init; }

    public bool IsEmpty =>
        MaxBudget is null && SoftBudget is null && MaxParallelRequests is null && TpmLimit is null
        && RpmLimit is null && ModelMaxBudget is null && BudgetDuration is null && BudgetResetAt is null;
}
