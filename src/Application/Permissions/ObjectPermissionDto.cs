using ProxyAdmin.Domain.Permissions;
using Riok.Mapperly.Abstractions;

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
}

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
}

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ObjectPermissionMapper
{
    public static partial ObjectPermissionDto ToDto(this ObjectPermission source);

    public static partial ObjectPermissionSettings ToSettings(this ObjectPermissionRequest source);
}
