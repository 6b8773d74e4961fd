using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.Budgets;

/// <summary>
/// A budget row (LiteLLM's <c>LiteLLM_BudgetTable</c>): spend and rate limits that projects (and later
/// other owners) link to by <c>budget_id</c>. A row may be shared; changing it changes every owner's limits.
/// </summary>
public sealed class Budget : AggregateRoot
{
    public const int IdMaxLength = 128;

    private Budget()
    {
    }

    public string BudgetId { get; private set; } = null!;
    public double? MaxBudget { get; private set; }
    public double? SoftBudget { get; private set; }
    public int? MaxParallelRequests { get; private set; }
    public long? TpmLimit { get; private set; }
    public long? RpmLimit { get; private set; }

    /// <summary>Per-model budgets: model name → amount or settings object.</summary>
    public JsonObject? ModelMaxBudget { get; private set; }

    public string? BudgetDuration { get; private set; }
    public DateTime? BudgetResetAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    public static Budget Create(BudgetSettings settings, string createdBy, DateTime now)
    {
        var budget = new Budget { BudgetId = Guid.NewGuid().ToString(), CreatedAt = now, CreatedBy = createdBy };
        budget.Update(settings, createdBy, now);
        return budget;
    }

    /// <summary>Applies the fields that are present; soft stays strictly below max.</summary>
    public void Update(BudgetSettings changes, string updatedBy, DateTime now)
    {
        MaxBudget = changes.MaxBudget ?? MaxBudget;
        SoftBudget = changes.SoftBudget ?? SoftBudget;
        MaxParallelRequests = changes.MaxParallelRequests ?? MaxParallelRequests;
        TpmLimit = changes.TpmLimit ?? TpmLimit;
        RpmLimit = changes.RpmLimit ?? RpmLimit;
        ModelMaxBudget = changes.ModelMaxBudget is { } perModel
            ? (ModelMaxBudget is null ? perModel : MetadataMap.Merge(ModelMaxBudget, perModel))
            : ModelMaxBudget;
        if (changes.BudgetDuration is { } duration)
        {
            BudgetDuration = duration;
            BudgetResetAt = Common.BudgetDuration.AddTo(now, duration);
        }

        if (SoftBudget is { } soft && MaxBudget is { } max && soft >= max)
        {
            throw new DomainRuleException("soft_budget", $"soft_budget ({soft}) must be strictly lower than max_budget ({max})");
        }

        UpdatedAt = now;
        UpdatedBy = updatedBy;
    }
}

/// <summary>The caller-chosen budget fields; a null field is "not given".</summary>
public sealed record BudgetSettings
{
    public double? MaxBudget { get; init; }
    public double? SoftBudget { get; init; }
    public int? MaxParallelRequests { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public JsonObject? ModelMaxBudget { get; init; }
    public string? BudgetDuration { get; init; }

    public bool IsEmpty =>
        MaxBudget is null && SoftBudget is null && MaxParallelRequests is null && TpmLimit is null
        && RpmLimit is null && ModelMaxBudget is null && BudgetDuration is null;
}
