using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class BudgetRepository(ProxyAdminDbContext db) : IBudgetRepository
{
    public Task<Budget?> GetAsync(string budgetId, CancellationToken cancellationToken) =>
        db.Budgets.SingleOrDefaultAsync(b => b.BudgetId == budgetId, cancellationToken);

    public Task<bool> IsLinkedOutsideAsync(string budgetId, IReadOnlyCollection<string> projectIds, CancellationToken cancellationToken) =>
        db.Projects.AnyAsync(p => p.BudgetId == budgetId && !projectIds.Contains(p.ProjectId), cancellationToken);

    public void Add(Budget budget) => db.Budgets.Add(budget);

    public void Remove(Budget budget) => db.Budgets.Remove(budget);
}
