namespace ProxyAdmin.Domain.Common;

/// <summary>
/// The budget rule every owner of limits shares (teams, budget rows, and requests before they reach either):
/// a soft budget warns before the hard one, so it must stay strictly below it. LiteLLM's wording.
/// </summary>
public static class BudgetRules
{
    /// <summary>True unless both are set and <paramref name="softBudget"/> is not below <paramref name="maxBudget"/>.</summary>
    public static bool IsSoftBelowMax(double? softBudget, double? maxBudget) =>
        softBudget is not { } soft || maxBudget is not { } max || soft < max;

    public static string SoftNotBelowMaxMessage(double? softBudget, double? maxBudget) =>
        $"soft_budget ({softBudget}) must be strictly lower than max_budget ({maxBudget})";

    /// <summary>Refuses a soft budget that is not strictly below the max budget.</summary>
    public static void EnsureSoftBelowMax(double? softBudget, double? maxBudget)
    {
        if (!IsSoftBelowMax(softBudget, maxBudget))
        {
            throw new DomainRuleException("soft_budget", SoftNotBelowMaxMessage(softBudget, maxBudget));
        }
    }
}
