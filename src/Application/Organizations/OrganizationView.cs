using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.Organizations;

/// <summary>
/// Organizations as the reads show them: with their members (each with its budget row) and the teams the caller may
/// see in them, all teams for admins, admin viewers and the organization's <c>org_admin</c>s, a member's own otherwise.
/// </summary>
public static class OrganizationView
{
    public static async Task<List<OrganizationDto>> ShowAsync(
        IReadOnlyList<Organization> shown, IOrganizationRepository organizations, IBudgetRepository budgets, ICurrentCaller caller, CancellationToken cancellationToken)
    {
        if (shown.Count == 0)
        {
            return [];
        }

        var teams = await organizations.TeamsOfAsync([.. shown.Select(o => o.OrganizationId)], cancellationToken);
        var budgetIds = shown.SelectMany(o => o.Members).Select(m => m.BudgetId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var memberBudgets = budgetIds.Count == 0 ? [] : await budgets.GetManyAsync(budgetIds, cancellationToken);
        var who = caller.Principal;
        return shown.Select(organization =>
        {
            var administers = organization.IsAdministeredBy(who);
            return organization.ToDto() with
            {
                Members = OrganizationMembershipDto.AllOf(organization, memberBudgets),
                Teams = teams
                    .Where(t => t.OrganizationId == organization.OrganizationId && t.IsVisibleTo(who, administers))
                    .Select(t => t.ToDto())
                    .ToList(),
            };
        }).ToList();
    }
}
