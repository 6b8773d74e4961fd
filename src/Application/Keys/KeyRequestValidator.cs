using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys;

/// <summary>The rules generate, update and regenerate share, with LiteLLM's messages where it has them.</summary>
public abstract class KeyRequestValidator<T> : AbstractValidator<T>
    where T : KeyRequestFields
{
    protected KeyRequestValidator()
    {
        Include(new ManagedMetadataFieldsValidator());
        RuleFor(c => c.KeyAlias).NotBlank().MaximumLength(VirtualKey.AliasMaxLength);
        RuleFor(c => c.UserId).Identifier(Domain.Users.User.IdMaxLength).NotReservedUserId("user_id");
        RuleFor(c => c.TeamId).Identifier(Domain.Teams.Team.IdMaxLength);
        RuleFor(c => c.ProjectId).Identifier(Domain.Projects.Project.IdMaxLength);
        RuleFor(c => c.AgentId).Identifier(VirtualKey.IdMaxLength);
        RuleFor(c => c.OrganizationId).Identifier(VirtualKey.IdMaxLength);
        RuleFor(c => c.BudgetId).Identifier(Budget.IdMaxLength);
        RuleFor(c => c.BudgetId)
            .Null().When(c => c.SoftBudget is not null)
            .WithMessage("Set either 'soft_budget' or 'budget_id', not both: budget_id links an existing budget row, soft_budget describes the key's own.");
        RuleFor(c => c.Models).NonBlankItems();
        RuleFor(c => c.Spend).FiniteNonNegative();
        RuleFor(c => c.MaxBudget).FiniteNonNegative();
        RuleFor(c => c.SoftBudget).FiniteNonNegative().SoftBelowMax(c => c.MaxBudget);
        RuleFor(c => c.TpmLimit).NonNegative();
        RuleFor(c => c.RpmLimit).NonNegative();
        RuleFor(c => c.MaxParallelRequests).NonNegative();
        RuleFor(c => c.BudgetDuration).Duration();
        RuleFor(c => c.Duration)
            .Must(d => d is null || d == VirtualKey.NeverExpires || Domain.Common.BudgetDuration.IsValid(d))
            .WithMessage($"'duration' must be {Domain.Common.BudgetDuration.FormatDescription}, or -1 for a key that never expires.");
        RuleFor(c => c.RotationInterval).Duration();
        RuleFor(c => c.ModelMaxBudget).ValidModelMaxBudget().JsonSize();
        RuleFor(c => c.Metadata).JsonSize();
        RuleFor(c => c.Metadata).LimitTypeInside("rpm_limit_type", KeyRules.LimitTypes);
        RuleFor(c => c.Metadata).LimitTypeInside("tpm_limit_type", KeyRules.LimitTypes);
        RuleFor(c => c.Aliases).JsonSize();
        RuleFor(c => c.Config).JsonSize();
        RuleFor(c => c.Permissions).JsonSize();
        RuleFor(c => c.RouterSettings).JsonSize();
        RuleFor(c => c.AllowedCacheControls).NonBlankItems();
        RuleFor(c => c.AllowedRoutes).NonBlankItems();
        RuleFor(c => c.AccessGroupIds).NonBlankItems();
        RuleFor(c => c.KeyType).IsInEnum().WithMessage("'key_type' must be one of: llm_api, management, read_only, default.");
        RuleFor(c => c.AllowedRoutes)
            .Must(routes => routes is null || routes.Count == 0)
            .When(c => c.KeyType is { } type && type != KeyType.Default)
            .WithMessage("Set either 'key_type' or 'allowed_routes', not both: key_type stands for a fixed list of allowed routes.");
        RuleFor(c => c.ObjectPermission).ValidPermission();
        RuleFor(c => c.AutoRotate)
            .NotEqual(true)
            .WithMessage("auto_rotate is not supported yet: keys are not rotated automatically here. Rotate a key with /key/regenerate.");
        RuleFor(c => c.SendInviteEmail)
            .NotEqual(true)
            .WithMessage("send_invite_email is not supported: ProxyAdmin sends no email.");
        RuleFor(c => c.RpmLimitType).LimitType(KeyRules.LimitTypes);
        RuleFor(c => c.TpmLimitType).LimitType(KeyRules.LimitTypes);
        RuleFor(c => c.TempBudgetExpiry)
            .Must((c, expiry) => (expiry is null) == (c.TempBudgetIncrease is null))
            .WithMessage("temp_budget_increase and temp_budget_expiry must be set together");
        RuleFor(c => c.Tags).NonBlankItems();
        RuleFor(c => c.Guardrails).NonBlankItems();
        RuleFor(c => c.Policies).NonBlankItems();
        RuleFor(c => c.Prompts).NonBlankItems();
        RuleFor(c => c.EnforcedParams).NonBlankItems();
        RuleFor(c => c.AllowedPassthroughRoutes).NonBlankItems();
    }
}
