using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>The field rules that team create and update share.</summary>
public static class TeamRules
{
    public static void ForLimits<T>(AbstractValidator<T> validator, Func<T, double?> maxBudget, Func<T, double?> softBudget)
    {
        validator.RuleFor(c => maxBudget(c)).FiniteNonNegative().OverridePropertyName("max_budget");
        validator.RuleFor(c => softBudget(c)).FiniteNonNegative().OverridePropertyName("soft_budget");
        validator.RuleFor(c => softBudget(c))
            .Must((c, soft) => soft is null || maxBudget(c) is not { } max || !double.IsFinite(soft.Value) || soft < max)
            .WithMessage("soft_budget must be strictly lower than max_budget.")
            .OverridePropertyName("soft_budget");
    }

    public static IRuleBuilderOptions<T, Dictionary<string, string?>?> ValidAliases<T>(this IRuleBuilder<T, Dictionary<string, string?>?> rule) =>
        rule.Must(aliases => aliases is null || aliases.All(a => !string.IsNullOrWhiteSpace(a.Key) && (a.Value is null || a.Value.Trim().Length > 0)))
            .WithMessage("'model_aliases' must map non-empty public names to non-empty model names (null removes an alias).");

    public static IRuleBuilderOptions<T, ObjectPermissionRequest?> ValidPermission<T>(this IRuleBuilder<T, ObjectPermissionRequest?> rule) =>
        rule.Must(p => p is null || new[] { p.VectorStores, p.McpServers, p.McpAccessGroups, p.Agents, p.AgentAccessGroups, p.Models, p.BlockedTools }
                .All(list => list is null || list.TrueForAll(v => !string.IsNullOrWhiteSpace(v))))
            .WithMessage("'object_permission' lists must not contain empty values.");

    public static void ForIdentity<T>(AbstractValidator<T> validator, Func<T, string?> teamAlias)
    {
        validator.RuleFor(c => teamAlias(c)).MaximumLength(Team.AliasMaxLength).OverridePropertyName("team_alias");
    }
}
