using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>The rules <c>/team/new</c> and <c>/team/update</c> share, with LiteLLM's messages where it has them.</summary>
public abstract class TeamRequestValidator<T> : AbstractValidator<T>
    where T : TeamRequestFields
{
    /// <summary>LiteLLM's throughput modes of <c>rpm_limit_type</c> / <c>tpm_limit_type</c> on teams.</summary>
    public static readonly string[] LimitTypes = ["guaranteed_throughput", "best_effort_throughput"];

    protected TeamRequestValidator()
    {
        Include(new ManagedMetadataFieldsValidator());
        RuleFor(c => c.TeamAlias).MaximumLength(Team.AliasMaxLength);
        // An empty organization_id means none (LiteLLM: on /team/update it takes the team out of its organization).
        RuleFor(c => c.OrganizationId).Identifier(Team.IdMaxLength).When(c => c.OrganizationId is not "");
        RuleFor(c => c.MaxBudget).FiniteNonNegative();
        RuleFor(c => c.SoftBudget).FiniteNonNegative().SoftBelowMax(c => c.MaxBudget);
        RuleFor(c => c.TpmLimit).NonNegative();
        RuleFor(c => c.RpmLimit).NonNegative();
        RuleFor(c => c.MaxParallelRequests).NonNegative();
        RuleFor(c => c.BudgetDuration).Duration();
        RuleFor(c => c.Models).NonBlankItems();
        RuleFor(c => c.ModelAliases).ValidAliases();
        RuleFor(c => c.ObjectPermission).ValidPermission();
        RuleFor(c => c.TeamMemberPermissions).ValidMemberPermissions();
        RuleFor(c => c.AccessGroupIds).NonBlankItems();
        RuleFor(c => c.TeamMemberBudget).FiniteNonNegative();
        RuleFor(c => c.TeamMemberBudgetDuration).Duration();
        RuleFor(c => c.TeamMemberRpmLimit).NonNegative();
        RuleFor(c => c.TeamMemberTpmLimit).NonNegative();
        RuleFor(c => c.RpmLimitType).LimitType(LimitTypes);
        RuleFor(c => c.TpmLimitType).LimitType(LimitTypes);
        RuleFor(c => c.Metadata).JsonSize();
        RuleFor(c => c.Metadata).LimitTypeInside("rpm_limit_type", LimitTypes);
        RuleFor(c => c.Metadata).LimitTypeInside("tpm_limit_type", LimitTypes);
        RuleFor(c => c.RouterSettings).JsonSize();
        RuleFor(c => c.Tags).NonBlankItems();
        RuleFor(c => c.Guardrails).NonBlankItems();
        RuleFor(c => c.Policies).NonBlankItems();
        RuleFor(c => c.Prompts).NonBlankItems();
        RuleFor(c => c.Admins).Must(list => list is null || list.Count == 0)
            .WithMessage("'admins' is derived from members_with_roles here: name members with their role in members_with_roles, or use /team/member_add.");
        RuleFor(c => c.Members).Must(list => list is null || list.Count == 0)
            .WithMessage("'members' is derived from members_with_roles here: name members with their role in members_with_roles, or use /team/member_add.");
    }
}
