using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Budgets.Queries.GetBudgetInfo;

/// <summary>
/// <c>POST /budget/info</c> with body <c>{"budgets": [...]}</c>: the rows of the ids that exist, in the order asked
/// (duplicates once); an unknown id is left out, as LiteLLM's <c>find_many</c> leaves it. Proxy admins and admin viewers.
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record GetBudgetInfoQuery : IQuery<List<BudgetDto>>
{
    /// <summary>The most ids one request may ask for.</summary>
    public const int MaxBudgets = 1000;

    public List<string>? Budgets { get; init; }
}

public sealed class GetBudgetInfoQueryValidator : AbstractValidator<GetBudgetInfoQuery>
{
    public GetBudgetInfoQueryValidator()
    {
        RuleFor(q => q.Budgets).NotEmpty().WithMessage("Specify list of budget id's to query. Passed in=[]");
        RuleFor(q => q.Budgets).Must(ids => ids is null || ids.Count <= GetBudgetInfoQuery.MaxBudgets)
            .WithMessage($"'budgets' may list at most {GetBudgetInfoQuery.MaxBudgets} budget ids.");
        RuleForEach(q => q.Budgets).NotEmpty().WithMessage("'budgets' must not contain empty values.");
    }
}

public sealed class GetBudgetInfoQueryHandler(IBudgetRepository budgets, EntityTags tags) : IQueryHandler<GetBudgetInfoQuery, List<BudgetDto>>
{
    public async ValueTask<List<BudgetDto>> Handle(GetBudgetInfoQuery query, CancellationToken cancellationToken)
    {
        var requested = query.Budgets!.Distinct(StringComparer.Ordinal).ToList();
        var found = (await budgets.GetManyAsync(requested, cancellationToken)).ToDictionary(b => b.BudgetId, StringComparer.Ordinal);
        if (requested is [var only] && found.TryGetValue(only, out var single))
        {
            // Asked for one row, the answer shows one resource: it gets its tag. A list of several gets none.
            tags.Answer(AuditTables.Budgets, single.BudgetId, single.Version);
        }

        return [.. requested.Where(found.ContainsKey).Select(id => found[id].ToDto())];
    }
}
