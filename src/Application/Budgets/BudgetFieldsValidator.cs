using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Application.Budgets;

/// <summary>The rules of a budget row's fields, with LiteLLM's messages where it has them.</summary>
public sealed class BudgetFieldsValidator : AbstractValidator<IBudgetFields>
{
    public BudgetFieldsValidator()
    {
        RuleFor(c => c.MaxBudget).Must(BeFinite).WithMessage(c => $"max_budget must be a finite number. Received: {c.MaxBudget}")
            .DependentRules(() => RuleFor(c => c.MaxBudget).NonNegative().WithMessage(c => $"max_budget cannot be negative. Received: {c.MaxBudget}"));
        RuleFor(c => c.SoftBudget).Must(BeFinite).WithMessage(c => $"soft_budget must be a finite number. Received: {c.SoftBudget}")
            .DependentRules(() => RuleFor(c => c.SoftBudget).NonNegative().WithMessage(c => $"soft_budget cannot be negative. Received: {c.SoftBudget}"));
        RuleFor(c => c.SoftBudget).SoftBelowMax(c => c.MaxBudget);
        RuleFor(c => c.TpmLimit).NonNegative().WithMessage("tpm_limit cannot be negative.");
        RuleFor(c => c.RpmLimit).NonNegative().WithMessage("rpm_limit cannot be negative.");
        RuleFor(c => c.MaxParallelRequests).NonNegative().WithMessage("max_parallel_requests cannot be negative.");
        RuleFor(c => c.ModelMaxBudget).ValidModelMaxBudget().JsonSize();
        RuleFor(c => c.BudgetDuration)
            .Must(d => d is null || Domain.Common.BudgetDuration.IsValid(d))
            .WithMessage($"'budget_duration' must be {Domain.Common.BudgetDuration.FormatDescription}.");
    }

    private static bool BeFinite(double? value) => value is null || double.IsFinite(value.Value);
}
