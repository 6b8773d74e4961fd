using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Requests;

namespace ProxyAdmin.Application.Projects;

/// <summary>
/// The budget fields of project requests (LiteLLM's request models inherit <c>LiteLLM_BudgetTable</c>):
/// they describe the project's budget row, or <c>budget_id</c> links an existing one, never both.
/// </summary>
public abstract record ProjectRequestFields : ManagedMetadataFields, IBudgetFields
{
    /// <summary>Links an existing budget row instead of describing one.</summary>
    public string? BudgetId { get; init; }

    public double? MaxBudget { get; init; }
    public double? SoftBudget { get; init; }
    public int? MaxParallelRequests { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }

    /// <summary>Per-model budgets: model name → amount or settings object.</summary>
    public JsonObject? ModelMaxBudget { get; init; }

    public string? BudgetDuration { get; init; }
}
