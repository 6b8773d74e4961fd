namespace ProxyAdmin.Domain.Permissions;

/// <summary>The caller-chosen lists of an object permission; a null list is "not given".</summary>
public sealed record ObjectPermissionSettings
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
