using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.Organizations;

/// <summary>The rules create and update share.</summary>
public abstract class OrganizationRequestValidator<T> : AbstractValidator<T>
    where T : OrganizationRequestFields
{
    protected OrganizationRequestValidator()
    {
        Include(new BudgetFieldsValidator());
        RuleFor(c => c.OrganizationAlias).NotBlank().MaximumLength(Organization.AliasMaxLength);
        RuleFor(c => c.Models).NonBlankItems();
        RuleFor(c => c.ObjectPermission).ValidPermission();
        RuleFor(c => c.Metadata).JsonSize();
        RuleFor(c => c.BudgetId)
            .Must((c, budgetId) => budgetId is null || c.ToBudgetSettings().IsEmpty)
            .WithMessage("budget_id links an existing budget; it cannot be combined with budget fields (max_budget, soft_budget, tpm_limit, rpm_limit, max_parallel_requests, model_max_budget, budget_duration).");
        RuleFor(c => c.BudgetId).NotBlank().MaximumLength(Budget.IdMaxLength);
    }
}
