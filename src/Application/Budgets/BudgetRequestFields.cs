using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Budgets;

/// <summary>The fields of LiteLLM's <c>BudgetNewRequest</c> that <c>/budget/new</c> and <c>/budget/update</c> both take.</summary>
public abstract record BudgetRequestFields : IBudgetFields
{
    public double? MaxBudget { get; init; }
    public double? SoftBudget { get; init; }
    public int? MaxParallelRequests { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }

    /// <summary>Per-model budgets: model name → amount or settings object; on update merged, a null entry removing that model's.</summary>
    public JsonObject? ModelMaxBudget { get; init; }

    /// <summary>The period length; a new one starts a period now unless <c>budget_reset_at</c> is sent too.</summary>
    public string? BudgetDuration { get; init; }

    /// <summary>When the spend resets next (UTC); on create by default one <c>budget_duration</c> from now.</summary>
    public DateTime? BudgetResetAt { get; init; }
}
