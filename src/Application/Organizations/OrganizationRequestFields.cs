using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Permissions;

namespace ProxyAdmin.Application.Organizations;

/// <summary>
/// The fields <c>/organization/new</c> and <c>/organization/update</c> share (LiteLLM's <c>NewOrganizationRequest</c>,
/// which inherits <c>LiteLLM_BudgetTable</c>): the budget fields describe the organization's budget row, or
/// <c>budget_id</c> links an existing one, never both. A null field is "not given".
/// </summary>
public abstract record OrganizationRequestFields : IBudgetFields
{
    public string? OrganizationAlias { get; init; }

    /// <summary>Models the organization's teams may use; empty or <c>all-proxy-models</c> means no restriction.</summary>
    public List<string>? Models { get; init; }

    /// <summary>Merged into the stored metadata; a null value removes that key.</summary>
    public JsonObject? Metadata { get; init; }

    public ObjectPermissionRequest? ObjectPermission { get; init; }

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
