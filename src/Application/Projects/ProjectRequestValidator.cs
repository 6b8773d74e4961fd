using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.Projects;

/// <summary>The rules create and update share, with LiteLLM's messages where it has them.</summary>
public abstract class ProjectRequestValidator<T> : AbstractValidator<T>
    where T : ProjectRequestFields
{
    protected ProjectRequestValidator()
    {
        Include(new ManagedMetadataFieldsValidator());
        Include(new BudgetFieldsValidator());
        RuleFor(c => c.RpmLimitType).LimitType(TeamRequestValidator<TeamRequestFields>.LimitTypes);
        RuleFor(c => c.TpmLimitType).LimitType(TeamRequestValidator<TeamRequestFields>.LimitTypes);
        RuleFor(c => c.BudgetId)
            .Must((c, budgetId) => budgetId is null || c.ToBudgetSettings().IsEmpty)
            .WithMessage("budget_id links an existing budget; it cannot be combined with budget fields (max_budget, soft_budget, tpm_limit, rpm_limit, max_parallel_requests, model_max_budget, budget_duration).");
        RuleFor(c => c.BudgetId).NotBlank().MaximumLength(Budget.IdMaxLength);
        RuleFor(c => c.Tags).Must(tags => tags is null || tags.TrueForAll(t => !string.IsNullOrWhiteSpace(t)))
            .WithMessage("tags must be a list of non-empty strings.");
    }
}
