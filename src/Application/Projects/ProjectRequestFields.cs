using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Projects;

/// <summary>
/// The budget fields of project requests (LiteLLM's request models inherit <c>LiteLLM_BudgetTable</c>):
/// they describe the project's budget row, or <c>budget_id</c> links an existing one, never both.
/// </summary>
public abstract record ProjectRequestFields : ManagedMetadataFields
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

    public BudgetSettings ToBudgetSettings() => new()
    {
        MaxBudget = MaxBudget,
        SoftBudget = SoftBudget,
        MaxParallelRequests = MaxParallelRequests,
        TpmLimit = TpmLimit,
        RpmLimit = RpmLimit,
        ModelMaxBudget = ModelMaxBudget,
        BudgetDuration = BudgetDuration,
    };
}

/// <summary>The rules create and update share, with LiteLLM's messages where it has them.</summary>
public abstract class ProjectRequestValidator<T> : AbstractValidator<T>
    where T : ProjectRequestFields
{
    protected ProjectRequestValidator()
    {
        Include(new ManagedMetadataFieldsValidator());
        RuleFor(c => c.MaxBudget).Must(BeFinite).WithMessage(c => $"max_budget must be a finite number. Received: {c.MaxBudget}")
            .DependentRules(() => RuleFor(c => c.MaxBudget).Must(v => v is null or >= 0).WithMessage(c => $"max_budget cannot be negative. Received: {c.MaxBudget}"));
        RuleFor(c => c.SoftBudget).Must(BeFinite).WithMessage(c => $"soft_budget must be a finite number. Received: {c.SoftBudget}")
            .DependentRules(() => RuleFor(c => c.SoftBudget).Must(v => v is null or >= 0).WithMessage(c => $"soft_budget cannot be negative. Received: {c.SoftBudget}"));
        RuleFor(c => c.SoftBudget)
            .Must((c, soft) => soft is null || c.MaxBudget is null || !BeFinite(soft) || !BeFinite(c.MaxBudget) || soft < c.MaxBudget)
            .WithMessage(c => $"soft_budget ({c.SoftBudget}) must be strictly lower than max_budget ({c.MaxBudget})");
        RuleFor(c => c.TpmLimit).Must(v => v is null or >= 0).WithMessage("tpm_limit cannot be negative.");
        RuleFor(c => c.RpmLimit).Must(v => v is null or >= 0).WithMessage("rpm_limit cannot be negative.");
        RuleFor(c => c.MaxParallelRequests).Must(v => v is null or >= 0).WithMessage("max_parallel_requests cannot be negative.");
        RuleFor(c => c.ModelMaxBudget).ValidModelMaxBudget();
        RuleFor(c => c.BudgetDuration)
            .Must(d => d is null || Domain.Common.BudgetDuration.IsValid(d))
            .WithMessage($"'budget_duration' must be {Domain.Common.BudgetDuration.FormatDescription}.");
        RuleFor(c => c.BudgetId)
            .Must((c, budgetId) => budgetId is null || c.ToBudgetSettings().IsEmpty)
            .WithMessage("budget_id links an existing budget; it cannot be combined with budget fields (max_budget, soft_budget, tpm_limit, rpm_limit, max_parallel_requests, model_max_budget, budget_duration).");
        RuleFor(c => c.BudgetId).NotEmpty().When(c => c.BudgetId is not null).MaximumLength(Budget.IdMaxLength);
        RuleFor(c => c.Tags).Must(tags => tags is null || tags.TrueForAll(t => !string.IsNullOrWhiteSpace(t)))
            .WithMessage("tags must be a list of non-empty strings.");
    }

    private static bool BeFinite(double? value) => value is null || double.IsFinite(value.Value);
}

public static class ProjectErrors
{
    public static NotFoundException ProjectNotFound(string projectId) => new($"Project not found, project_id={projectId}", "project_id");

    public static NotFoundException TeamNotFound(string teamId) => new($"Team not found, team_id={teamId}", "team_id");

    public static NotFoundException BudgetNotFound(string budgetId) => new($"Budget not found, budget_id={budgetId}", "budget_id");

    /// <summary>Checks the limits the project will have once the request applies.</summary>
    public static void EnsureWithinTeam(Domain.Teams.Team team, Project? current, ProjectRequestFields request, List<string>? requestedModels, Budget? linkedBudget)
    {
        var models = requestedModels ?? current?.Models ?? [];
        var maxBudget = request.MaxBudget ?? linkedBudget?.MaxBudget;
        var tpm = request.TpmLimit ?? linkedBudget?.TpmLimit;
        var rpm = request.RpmLimit ?? linkedBudget?.RpmLimit;
        ProjectLimits.EnsureWithin(team, models, maxBudget, tpm, rpm);
    }
}
