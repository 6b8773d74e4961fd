namespace ProxyAdmin.Domain.Permissions;

/// <summary>
/// What an owner (team, project, key) may reach beyond models: MCP servers and tools, vector stores,
/// agents. One row per owner, linked by <c>object_permission_id</c>, changed in place.
/// </summary>
public sealed class ObjectPermission
{
    private ObjectPermission()
    {
    }

    public string ObjectPermissionId { get; private set; } = null!;
    public List<string> VectorStores { get; private set; } = [];
    public List<string> McpServers { get; private set; } = [];
    public List<string> McpAccessGroups { get; private set; } = [];

    /// <summary>MCP server id → the tools allowed on it.</summary>
    public Dictionary<string, List<string>> McpToolPermissions { get; private set; } = [];

    public List<string> Agents { get; private set; } = [];
    public List<string> AgentAccessGroups { get; private set; } = [];
    public List<string> Models { get; private set; } = [];
    public List<string> BlockedTools { get; private set; } = [];

    /// <summary>MCP toolsets the owner may use.</summary>
    public List<string> McpToolsets { get; private set; } = [];

    public static ObjectPermission Create(ObjectPermissionSettings settings)
    {
        var permission = new ObjectPermission { ObjectPermissionId = Guid.NewGuid().ToString() };
        permission.Update(settings);
        return permission;
    }

    /// <summary>Replaces the lists that are present; the others stay as they are.</summary>
    public void Update(ObjectPermissionSettings changes)
    {
        VectorStores = changes.VectorStores ?? VectorStores;
        McpServers = changes.McpServers ?? McpServers;
        McpAccessGroups = changes.McpAccessGroups ?? McpAccessGroups;
        McpToolPermissions = changes.McpToolPermissions ?? McpToolPermissions;
        Agents = changes.Agents ?? Agents;
        AgentAccessGroups = changes.AgentAccessGroups ?? AgentAccessGroups;
        Models = changes.Models ?? Models;
        BlockedTools = changes.BlockedTools ?? BlockedTools;
        McpToolsets = changes.McpToolsets ?? McpToolsets;
    }
}
