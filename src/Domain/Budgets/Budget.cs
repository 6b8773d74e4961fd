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

    /// <summary>
    /// Made on its own (<c>/budget/new</c>), not for the object that first described it: it stays until it is deleted
    /// itself, whatever links it, where a row a project described goes with the last project that links it.
    /// </summary>
    public bool Standalone { get; private set; }

    /// <summary>A row for the object whose request describes it (a project's, a key's, a team's member budget).</summary>
    public static Budget Create(BudgetSettings settings, AuditStamp created) => New(settings, created, Guid.NewGuid().ToString(), standalone: false);

    /// <summary>A row made on its own (<c>/budget/new</c>), with the id the caller chose or a new uuid.</summary>
    public static Budget CreateStandalone(BudgetSettings settings, AuditStamp created, string? budgetId) =>
        New(settings, created, budgetId ?? Guid.NewGuid().ToString(), standalone: true);

    private static Budget New(BudgetSettings settings, AuditStamp created, string budgetId, bool standalone)
    {
        var budget = new Budget { BudgetId = budgetId, CreatedAt = created.At, CreatedBy = created.By, Standalone = standalone };
        budget.Update(settings, created);
        return budget;
    }

    /// <summary>
    /// Applies the fields that are present; <c>model_max_budget</c> is merged (a null entry removes that model's
    /// budget). The soft budget stays strictly below the max budget, whichever of them changed. A new
    /// <c>budget_duration</c> starts a period now, unless the change names the next reset (<c>budget_reset_at</c>).
    /// </summary>
    public void Update(BudgetSettings changes, AuditStamp stamp)
    {
        var maxBudget = changes.MaxBudget ?? MaxBudget;
        var softBudget = changes.SoftBudget ?? SoftBudget;
        BudgetRules.EnsureSoftBelowMax(softBudget, maxBudget);
        Common.BudgetDuration.EnsureValid(changes.BudgetDuration);

        MaxBudget = maxBudget;
        SoftBudget = softBudget;
        MaxParallelRequests = changes.MaxParallelRequests ?? MaxParallelRequests;
        TpmLimit = changes.TpmLimit ?? TpmLimit;
        RpmLimit = changes.RpmLimit ?? RpmLimit;
        ModelMaxBudget = changes.ModelMaxBudget is { } perModel ? MetadataMap.Merge(ModelMaxBudget ?? [], perModel) : ModelMaxBudget;
        if (changes.BudgetDuration is { } duration)
        {
            BudgetDuration = duration;
            BudgetResetAt = Common.BudgetDuration.AddTo(stamp.At, duration);
        }

        if (changes.BudgetResetAt is { } resetAt)
        {
            BudgetResetAt = resetAt;
        }

        UpdatedAt = stamp.At;
        UpdatedBy = stamp.By;
    }
}
