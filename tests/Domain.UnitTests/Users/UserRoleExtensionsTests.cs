using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.UnitTests.Users;

public sealed class UserRoleExtensionsTests
{
    /// <summary>What every role may do; a role added to <see cref="UserRole"/> fails both tests until it is decided here.</summary>
    private static readonly Dictionary<UserRole, (bool IsProxyAdmin, bool ReadsEverything)> Expected = new()
    {
        [UserRole.ProxyAdmin] = (true, true),
        [UserRole.ProxyAdminViewer] = (false, true),
        [UserRole.OrgAdmin] = (false, false),
        [UserRole.InternalUser] = (false, false),
        [UserRole.InternalUserViewer] = (false, false),
        [UserRole.Team] = (false, false),
        [UserRole.Customer] = (false, false),
    };

    private static UserRole[] EveryRole() => Enum.GetValues<UserRole>();

    [TestCaseSource(nameof(EveryRole))]
    public void OnlyTheProxyAdminIsAProxyAdmin(UserRole role)
    {
        Assert.That(Expected, Does.ContainKey(role), $"decide whether {role} is a proxy admin");
        Assert.That(role.IsProxyAdmin(), Is.EqualTo(Expected[role].IsProxyAdmin));
    }

    [TestCaseSource(nameof(EveryRole))]
    public void OnlyAdminsAndAdminViewersReadEverything(UserRole role)
    {
        Assert.That(Expected, Does.ContainKey(role), $"decide whether {role} reads everything");
        Assert.That(role.ReadsEverything(), Is.EqualTo(Expected[role].ReadsEverything));
    }
}
