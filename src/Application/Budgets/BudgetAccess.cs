using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.Budgets;

/// <summary>
/// Who may link an existing budget row, and who may change one that several objects share. A budget row is a set of
/// limits that any number of projects, keys and memberships can point at, across teams, so linking one by
/// <c>budget_id</c> and changing a shared one are for proxy admins: a team admin who could do either would change the
/// limits of objects it does not administer. A row only one object links is that object's own, and whoever may change
/// the object may change it.
/// </summary>
public static class BudgetAccess
{
    /// <summary>Refuses a non-admin that links <paramref name="requested"/> in place of <paramref name="current"/>; resending the current id is fine.</summary>
    public static void EnsureMayLink(this ICurrentCaller caller, string? requested, string? current)
    {
        if (requested is not null && requested != current && !caller.IsProxyAdmin())
        {
            throw new ForbiddenAccessException(
                "Only proxy admins can link an existing budget (budget_id): a budget row can be shared, and a change to it reaches every object that links it. Leave budget_id out and set the limits directly.",
                "budget_id");
        }
    }

    /// <summary>Refuses a non-admin that changes <paramref name="budget"/> while anything besides the object being changed links it.</summary>
    public static async Task EnsureMayChangeAsync(this ICurrentCaller caller, IBudgetRepository budgets, Budget budget, CancellationToken cancellationToken)
    {
        if (caller.IsProxyAdmin() || await budgets.CountLinksAsync(budget.BudgetId, cancellationToken) <= 1)
        {
            return;
        }

        throw new ForbiddenAccessException(
            $"Budget {budget.BudgetId} is shared with other projects, keys or team members; only proxy admins can change it.",
            "budget_id");
    }
}
