namespace ProxyAdmin.Application.Permissions;

/// <summary>An object permission row as responses show it.</summary>
public sealed record ObjectPermissionDto
{
    public required string ObjectPermissionId { get; init; }
    public required List<string> VectorStores { get; init; }
    public required List<string> McpServers { get; init; }
    public required List<string> McpAccessGroups { get; init; }
    public required Dictionary<string, List<string>> McpToolPermissions { get; init; }
    public required List<string> Agents { get; init; }
    public required List<string> AgentAccessGroups { get; init; }
    public required List<string> Models { get; init; }
    public required List<string> BlockedTools { get; init; }
    public required List<string> McpToolsets { get; init; }
}
