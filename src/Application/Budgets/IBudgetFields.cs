using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Budgets;

/// <summary>
/// The fields of a budget row, as every request that describes one sends them (<c>/budget/new</c>, <c>/budget/update</c>,
/// and the project requests, whose LiteLLM models inherit <c>LiteLLM_BudgetTable</c>); <see cref="BudgetFieldsValidator"/>
/// holds their rules once.
/// </summary>
public interface IBudgetFields
{
    double? MaxBudget { get; }
    double? SoftBudget { get; }
    int? MaxParallelRequests { get; }
    long? TpmLimit { get; }
    long? RpmLimit { get; }

    /// <summary>Per-model budgets: model name → amount or settings object.</summary>
    JsonObject? ModelMaxBudget { get; }

    string? BudgetDuration { get; }
}
