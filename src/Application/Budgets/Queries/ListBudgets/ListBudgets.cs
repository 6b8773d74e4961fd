namespace ProxyAdmin.Application.Budgets.Queries.ListBudgets;

/// <summary>
/// <c>GET /budget/list</c>: every budget row, oldest first (LiteLLM's array shape). Proxy admins and admin viewers
/// (LiteLLM answers others 400; here 403).
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record ListBudgetsQuery : IQuery<List<BudgetDto>>;

public sealed class ListBudgetsQueryHandler(IBudgetRepository budgets) : IQueryHandler<ListBudgetsQuery, List<BudgetDto>>
{
    public async ValueTask<List<BudgetDto>> Handle(ListBudgetsQuery query, CancellationToken cancellationToken) =>
        [.. (await budgets.ListAsync(cancellationToken)).Select(b => b.ToDto())];
}
