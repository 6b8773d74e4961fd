using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class BudgetRepository(ProxyAdminDbContext db) : IBudgetRepository
{
    public Task<Budget?> GetAsync(string budgetId, CancellationToken cancellationToken) =>
        db.Budgets.SingleOrDefaultAsync(b => b.BudgetId == budgetId, cancellationToken);

    public Task<List<Budget>> GetManyAsync(IReadOnlyCollection<string> budgetIds, CancellationToken cancellationToken) =>
        db.Budgets.Where(b => budgetIds.Contains(b.BudgetId)).ToListAsync(cancellationToken);

    public async Task<bool> IsLinkedOutsideAsync(string budgetId, IReadOnlyCollection<string> projectIds, CancellationToken cancellationToken) =>
        await db.Projects.AnyAsync(p => p.BudgetId == budgetId && !projectIds.Contains(p.ProjectId), cancellationToken)
        || await db.VirtualKeys.AnyAsync(k => k.BudgetId == budgetId, cancellationToken)
        || await db.Teams.AnyAsync(t => t.TeamMemberBudgetId == budgetId || t.Members.Any(m => m.BudgetId == budgetId), cancellationToken);

    public async Task<int> CountLinksAsync(string budgetId, CancellationToken cancellationToken) =>
        await db.Projects.CountAsync(p => p.BudgetId == budgetId, cancellationToken)
        + await db.VirtualKeys.CountAsync(k => k.BudgetId == budgetId, cancellationToken)
        + await db.Teams.CountAsync(t => t.TeamMemberBudgetId == budgetId, cancellationToken)
        + await db.Teams.SelectMany(t => t.Members).CountAsync(m => m.BudgetId == budgetId, cancellationToken);

    public void Add(Budget budget) => db.Budgets.Add(budget);

    public void Remove(Budget budget) => db.Budgets.Remove(budget);
}
