namespace ProxyAdmin.Application.Permissions;

/// <summary>The field rules of the <c>object_permission</c> object that teams and projects share.</summary>
public static class ObjectPermissionRules
{
    public static IRuleBuilderOptions<T, ObjectPermissionRequest?> ValidPermission<T>(this IRuleBuilder<T, ObjectPermissionRequest?> rule) =>
        rule.Must(p => p is null || new[] { p.VectorStores, p.McpServers, p.McpAccessGroups, p.Agents, p.AgentAccessGroups, p.Models, p.BlockedTools, p.McpToolsets }
                .All(list => list is null || list.TrueForAll(v => !string.IsNullOrWhiteSpace(v))))
            .WithMessage("'object_permission' lists must not contain empty values.");
}
