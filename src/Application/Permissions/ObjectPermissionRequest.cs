namespace ProxyAdmin.Application.Permissions;

/// <summary>The <c>object_permission</c> object of create and update requests; lists not sent stay as they are.</summary>
public sealed record ObjectPermissionRequest
{
    public List<string>? VectorStores { get; init; }
    public List<string>? McpServers { get; init; }
    public List<string>? McpAccessGroups { get; init; }
    public Dictionary<string, List<string>>? McpToolPermissions { get; init; }
    public List<string>? Agents { get; init; }
    public List<string>? AgentAccessGroups { get; init; }
    public List<string>? Models { get; init; }
    public List<string>? BlockedTools { get; init; }
    public List<string>? McpToolsets { get; init; }
}
