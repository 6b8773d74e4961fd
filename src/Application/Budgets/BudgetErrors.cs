namespace ProxyAdmin.Application.Budgets;

/// <summary>The budget routes' refusals, with LiteLLM's messages where it has them.</summary>
public static class BudgetErrors
{
    /// <summary>The most links a refusal to delete names; the count says how many more there are.</summary>
    public const int LinksNamed = 20;

    public static NotFoundException BudgetNotFound(string budgetId, string param = "budget_id") =>
        new($"Budget not found, budget_id={budgetId}", param);

    public static ConflictException AlreadyExists(string budgetId) =>
        new($"Budget with id '{budgetId}' already exists.", "budget_id");

    public static ConflictException StillLinked(string budgetId, IReadOnlyList<BudgetLink> named, int total) =>
        new(
            $"Cannot delete budget {budgetId}: {total} object(s) link it ({string.Join(", ", named)}{(total > named.Count ? $", and {total - named.Count} more" : "")}). Unlink them first.",
            "id");
}
