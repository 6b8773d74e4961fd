using ProxyAdmin.Domain.Permissions;

namespace ProxyAdmin.Domain.UnitTests.Permissions;

public sealed class ObjectPermissionTests
{
    private static ObjectPermissionSettings AllLists() => new()
    {
        VectorStores = ["vs-1"],
        McpServers = ["srv-1"],
        McpAccessGroups = ["group-1"],
        McpToolPermissions = new() { ["srv-1"] = ["search", "fetch"] },
        Agents = ["agent-1"],
        AgentAccessGroups = ["agents-1"],
        Models = ["gpt-4o"],
        BlockedTools = ["shell"],
        McpToolsets = ["toolset-1"],
    };

    [Test]
    public void CreatingTakesEveryListAndANewGuidId()
    {
        var permission = ObjectPermission.Create(AllLists());

        Assert.That(Guid.TryParse(permission.ObjectPermissionId, out _), Is.True, permission.ObjectPermissionId);
        Assert.That(permission.VectorStores, Is.EqualTo(new[] { "vs-1" }));
        Assert.That(permission.McpServers, Is.EqualTo(new[] { "srv-1" }));
        Assert.That(permission.McpAccessGroups, Is.EqualTo(new[] { "group-1" }));
        Assert.That(permission.McpToolPermissions.Keys, Is.EqualTo(new[] { "srv-1" }));
        Assert.That(permission.McpToolPermissions["srv-1"], Is.EqualTo(new[] { "search", "fetch" }));
        Assert.That(permission.Agents, Is.EqualTo(new[] { "agent-1" }));
        Assert.That(permission.AgentAccessGroups, Is.EqualTo(new[] { "agents-1" }));
        Assert.That(permission.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(permission.BlockedTools, Is.EqualTo(new[] { "shell" }));
        Assert.That(permission.McpToolsets, Is.EqualTo(new[] { "toolset-1" }));
    }

    [Test]
    public void EveryPermissionGetsItsOwnId()
    {
        var first = ObjectPermission.Create(new ObjectPermissionSettings());
        var second = ObjectPermission.Create(new ObjectPermissionSettings());

        Assert.That(second.ObjectPermissionId, Is.Not.EqualTo(first.ObjectPermissionId));
    }

    [Test]
    public void ListsNotGivenOnCreateAreEmpty()
    {
        var permission = ObjectPermission.Create(new ObjectPermissionSettings { Models = ["gpt-4o"] });

        Assert.That(permission.VectorStores, Is.Empty);
        Assert.That(permission.McpServers, Is.Empty);
        Assert.That(permission.McpAccessGroups, Is.Empty);
        Assert.That(permission.McpToolPermissions, Is.Empty);
        Assert.That(permission.Agents, Is.Empty);
        Assert.That(permission.AgentAccessGroups, Is.Empty);
        Assert.That(permission.BlockedTools, Is.Empty);
    }

    [Test]
    public void UpdatingReplacesTheListsGivenAndKeepsTheOthers()
    {
        var permission = ObjectPermission.Create(AllLists());
        var id = permission.ObjectPermissionId;

        permission.Update(new ObjectPermissionSettings { McpServers = ["srv-2", "srv-3"], McpToolPermissions = new() { ["srv-2"] = ["read"] }, BlockedTools = [] });

        Assert.That(permission.ObjectPermissionId, Is.EqualTo(id));
        Assert.That(permission.McpServers, Is.EqualTo(new[] { "srv-2", "srv-3" }));
        Assert.That(permission.McpToolPermissions.Keys, Is.EqualTo(new[] { "srv-2" }), "the tool map is replaced, not merged");
        Assert.That(permission.BlockedTools, Is.Empty, "an empty list given clears");
        Assert.That(permission.VectorStores, Is.EqualTo(new[] { "vs-1" }));
        Assert.That(permission.McpAccessGroups, Is.EqualTo(new[] { "group-1" }));
        Assert.That(permission.Agents, Is.EqualTo(new[] { "agent-1" }));
        Assert.That(permission.AgentAccessGroups, Is.EqualTo(new[] { "agents-1" }));
        Assert.That(permission.Models, Is.EqualTo(new[] { "gpt-4o" }));
    }
}
