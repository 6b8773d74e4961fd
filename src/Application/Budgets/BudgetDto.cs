using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;
using Riok.Mapperly.Abstractions;

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

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class BudgetMapper
{
    public static partial BudgetDto ToDto(this Budget source);
}

/// <summary>Loads and stages budget rows.</summary>
public interface IBudgetRepository
{
    /// <summary>The budget, tracked, or null.</summary>
    Task<Budget?> GetAsync(string budgetId, CancellationToken cancellationToken);

    /// <summary>Whether anything other than the given projects still links to the budget.</summary>
    Task<bool> IsLinkedOutsideAsync(string budgetId, IReadOnlyCollection<string> projectIds, CancellationToken cancellationToken);

    void Add(Budget budget);

    void Remove(Budget budget);
}
