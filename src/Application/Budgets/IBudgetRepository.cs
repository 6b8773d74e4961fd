using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.Budgets;

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
