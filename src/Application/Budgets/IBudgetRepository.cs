using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Budgets;

/// <summary>Loads and stages budget rows.</summary>
public interface IBudgetRepository
{
    /// <summary>The budget, tracked, or null.</summary>
    Task<Budget?> GetAsync(string budgetId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="budgetIds"/> that exist, tracked.</summary>
    Task<List<Budget>> GetManyAsync(IReadOnlyCollection<string> budgetIds, CancellationToken cancellationToken);

    /// <summary>Whether anything other than the given projects (another project, a key, a team, an organization or a membership) still links to the budget.</summary>
    Task<bool> IsLinkedOutsideAsync(string budgetId, IReadOnlyCollection<string> projectIds, CancellationToken cancellationToken);

    /// <summary>How many objects (projects, keys, teams' member budgets, team memberships, organizations, organization memberships) link the budget.</summary>
    Task<int> CountLinksAsync(string budgetId, CancellationToken cancellationToken);

    /// <summary>Every budget row, untracked, oldest first (ties by id).</summary>
    Task<List<Budget>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> of the objects that link the budget, projects first.</summary>
    Task<List<BudgetLink>> ListLinksAsync(string budgetId, int limit, CancellationToken cancellationToken);

    /// <summary>The teams whose projects (other than <paramref name="exceptProjectId"/>) link the budget: a change to it must keep within their limits.</summary>
    Task<List<Team>> TeamsOfLinkingProjectsAsync(string budgetId, string? exceptProjectId, CancellationToken cancellationToken);

    /// <summary>The teams in the organizations that link the budget, each with its organization's id: a change to it must still cover them.</summary>
    Task<List<(string OrganizationId, Team Team)>> TeamsOfLinkingOrganizationsAsync(string budgetId, CancellationToken cancellationToken);

    void Add(Budget budget);

    void Remove(Budget budget);
}
