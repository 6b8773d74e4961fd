using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Teams;

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
        || await db.Teams.AnyAsync(t => t.TeamMemberBudgetId == budgetId || t.Members.Any(m => m.BudgetId == budgetId), cancellationToken)
        || await db.Organizations.AnyAsync(o => o.BudgetId == budgetId || o.Members.Any(m => m.BudgetId == budgetId), cancellationToken);

    public async Task<int> CountLinksAsync(string budgetId, CancellationToken cancellationToken) =>
        await db.Projects.CountAsync(p => p.BudgetId == budgetId, cancellationToken)
        + await db.VirtualKeys.CountAsync(k => k.BudgetId == budgetId, cancellationToken)
        + await db.Teams.CountAsync(t => t.TeamMemberBudgetId == budgetId, cancellationToken)
        + await db.Teams.SelectMany(t => t.Members).CountAsync(m => m.BudgetId == budgetId, cancellationToken)
        + await db.Organizations.CountAsync(o => o.BudgetId == budgetId, cancellationToken)
        + await db.Organizations.SelectMany(o => o.Members).CountAsync(m => m.BudgetId == budgetId, cancellationToken);

    public Task<List<Budget>> ListAsync(CancellationToken cancellationToken) =>
        db.Budgets.AsNoTracking().OrderBy(b => b.CreatedAt).ThenBy(b => b.BudgetId).ToListAsync(cancellationToken);

    public async Task<List<BudgetLink>> ListLinksAsync(string budgetId, int limit, CancellationToken cancellationToken)
    {
        var links = new List<BudgetLink>();
        links.AddRange((await db.Projects.Where(p => p.BudgetId == budgetId).OrderBy(p => p.ProjectId).Select(p => p.ProjectId).Take(limit).ToListAsync(cancellationToken))
            .Select(id => new BudgetLink("project", id)));
        links.AddRange((await db.VirtualKeys.Where(k => k.BudgetId == budgetId).OrderBy(k => k.Token).Select(k => k.Token).Take(limit).ToListAsync(cancellationToken))
            .Select(token => new BudgetLink("key", token)));
        links.AddRange((await db.Teams.Where(t => t.TeamMemberBudgetId == budgetId).OrderBy(t => t.TeamId).Select(t => t.TeamId).Take(limit).ToListAsync(cancellationToken))
            .Select(id => new BudgetLink("team", id)));
        var members = await db.Teams
            .SelectMany(t => t.Members, (t, m) => new { t.TeamId, m.UserId, m.BudgetId })
            .Where(m => m.BudgetId == budgetId)
            .OrderBy(m => m.TeamId).ThenBy(m => m.UserId).Take(limit).ToListAsync(cancellationToken);
        links.AddRange(members.Select(m => new BudgetLink("team member", $"{m.TeamId}/{m.UserId}")));
        links.AddRange((await db.Organizations.Where(o => o.BudgetId == budgetId).OrderBy(o => o.OrganizationId).Select(o => o.OrganizationId).Take(limit).ToListAsync(cancellationToken))
            .Select(id => new BudgetLink("organization", id)));
        var organizationMembers = await db.Organizations
            .SelectMany(o => o.Members, (o, m) => new { o.OrganizationId, m.UserId, m.BudgetId })
            .Where(m => m.BudgetId == budgetId)
            .OrderBy(m => m.OrganizationId).ThenBy(m => m.UserId).Take(limit).ToListAsync(cancellationToken);
        links.AddRange(organizationMembers.Select(m => new BudgetLink("organization member", $"{m.OrganizationId}/{m.UserId}")));
        return links.Take(limit).ToList();
    }

    public Task<List<Team>> TeamsOfLinkingProjectsAsync(string budgetId, string? exceptProjectId, CancellationToken cancellationToken) =>
        db.Teams.AsNoTracking()
            .Where(t => db.Projects.Any(p => p.BudgetId == budgetId && p.TeamId == t.TeamId && p.ProjectId != exceptProjectId))
            .OrderBy(t => t.TeamId)
            .ToListAsync(cancellationToken);

    public async Task<List<(string OrganizationId, Team Team)>> TeamsOfLinkingOrganizationsAsync(string budgetId, CancellationToken cancellationToken)
    {
        var linked = await db.Teams.AsNoTracking()
            .Where(t => db.Organizations.Any(o => o.BudgetId == budgetId && o.OrganizationId == t.OrganizationId))
            .OrderBy(t => t.OrganizationId).ThenBy(t => t.TeamId)
            .ToListAsync(cancellationToken);
        return linked.ConvertAll(t => (t.OrganizationId!, t));
    }

    public void Add(Budget budget) => db.Budgets.Add(budget);

    public void Remove(Budget budget) => db.Budgets.Remove(budget);
}
