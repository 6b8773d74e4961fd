using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.Projects;

/// <summary>The rules create and update share, with LiteLLM's messages where it has them.</summary>
public abstract class ProjectRequestValidator<T> : AbstractValidator<T>
    where T : ProjectRequestFields
{
    protected ProjectRequestValidator()
    {
        Include(new ManagedMetadataFieldsValidator());
        RuleFor(c => c.MaxBudget).Must(BeFinite).WithMessage(c => $"max_budget must be a finite number. Received: {c.MaxBudget}")
            .DependentRules(() => RuleFor(c => c.MaxBudget).NonNegative().WithMessage(c => $"max_budget cannot be negative. Received: {c.MaxBudget}"));
        RuleFor(c => c.SoftBudget).Must(BeFinite).WithMessage(c => $"soft_budget must be a finite number. Received: {c.SoftBudget}")
            .DependentRules(() => RuleFor(c => c.SoftBudget).NonNegative().WithMessage(c => $"soft_budget cannot be negative. Received: {c.SoftBudget}"));
        RuleFor(c => c.SoftBudget).SoftBelowMax(c => c.MaxBudget);
        RuleFor(c => c.TpmLimit).NonNegative().WithMessage("tpm_limit cannot be negative.");
        RuleFor(c => c.RpmLimit).NonNegative().WithMessage("rpm_limit cannot be negative.");
        RuleFor(c => c.MaxParallelRequests).NonNegative().WithMessage("max_parallel_requests cannot be negative.");
        RuleFor(c => c.ModelMaxBudget).ValidModelMaxBudget();
        RuleFor(c => c.BudgetDuration)
            .Must(d => d is null || Domain.Common.BudgetDuration.IsValid(d))
            .WithMessage($"'budget_duration' must be {Domain.Common.BudgetDuration.FormatDescription}.");
        RuleFor(c => c.BudgetId)
            .Must((c, budgetId) => budgetId is null || c.ToBudgetSettings().IsEmpty)
            .WithMessage("budget_id links an existing budget; it cannot be combined with budget fields (max_budget, soft_budget, tpm_limit, rpm_limit, max_parallel_requests, model_max_budget, budget_duration).");
        RuleFor(c => c.BudgetId).NotBlank().MaximumLength(Budget.IdMaxLength);
        RuleFor(c => c.Tags).Must(tags => tags is null || tags.TrueForAll(t => !string.IsNullOrWhiteSpace(t)))
            .WithMessage("tags must be a list of non-empty strings.");
    }

    private static bool BeFinite(double? value) => value is null || double.IsFinite(value.Value);
}
