using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>The field rules of team requests that no other feature shares.</summary>
public static class TeamRules
{
    public static IRuleBuilderOptions<T, Dictionary<string, string?>?> ValidAliases<T>(this IRuleBuilder<T, Dictionary<string, string?>?> rule) =>
        rule.Must(aliases => aliases is null || aliases.All(a => !string.IsNullOrWhiteSpace(a.Key) && (a.Value is null || a.Value.Trim().Length > 0)))
            .WithMessage("'model_aliases' must map non-empty public names to non-empty model names (null removes an alias).");

    public static IRuleBuilderOptions<T, List<string>?> ValidMemberPermissions<T>(this IRuleBuilder<T, List<string>?> rule) =>
        rule.Must(permissions => permissions is null || permissions.TrueForAll(TeamMemberPermissions.IsKnown))
            .WithMessage($"'team_member_permissions' must name key management routes: {string.Join(", ", TeamMemberPermissions.All)}.");
}
