using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Budgets;

/// <summary>A budget row as <c>litellm_budget_table</c> shows it.</summary>
public sealed record BudgetDto
{
    public required string BudgetId { get; init; }
    public required double? MaxBudget { get; init; }
    public required double? SoftBudget { get; init; }
    public required int? MaxParallelRequests { get; init; }
    public required long? TpmLimit { get; init; }
    public required long? RpmLimit { get; init; }
    public required JsonObject? ModelMaxBudget { get; init; }
    public required string? BudgetDuration { get; init; }
    public required DateTime? BudgetResetAt { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }
}
