using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Budgets;

/// <summary>
/// A change to a budget row reaches every project and organization that links it, so it is checked against the limits
/// of every team those projects belong to (not only the team of the project through which it is made), and must still
/// cover every team of those organizations.
/// </summary>
public static class BudgetLimits
{
    /// <param name="exceptProjectId">The project the change is made through, whose own team its caller checks (with LiteLLM's message).</param>
    public static async Task EnsureWithinLinkingTeamsAsync(
        this IBudgetRepository budgets, Budget budget, BudgetSettings changes, string? exceptProjectId, CancellationToken cancellationToken)
    {
        if (changes.MaxBudget is null && changes.TpmLimit is null && changes.RpmLimit is null)
        {
            return;
        }

        foreach (var team in await budgets.TeamsOfLinkingProjectsAsync(budget.BudgetId, exceptProjectId, cancellationToken))
        {
            try
            {
                ProjectLimits.EnsureWithin(team, [], changes, budget);
            }
            catch (DomainRuleException refusal)
            {
                throw new DomainRuleException(refusal.Param, $"Budget {budget.BudgetId} is linked by projects of team {team.TeamId}, and this change would break that team's limits: {refusal.Message}");
            }
        }

        foreach (var (organizationId, team) in await budgets.TeamsOfLinkingOrganizationsAsync(budget.BudgetId, cancellationToken))
        {
            try
            {
                OrganizationLimits.EnsureCovers(team, changes.MaxBudget ?? budget.MaxBudget, changes.TpmLimit ?? budget.TpmLimit, changes.RpmLimit ?? budget.RpmLimit);
            }
            catch (DomainRuleException refusal)
            {
                throw new DomainRuleException(refusal.Param, $"Budget {budget.BudgetId} is the budget of organization {organizationId}: {refusal.Message}");
            }
        }
    }
}
