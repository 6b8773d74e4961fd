using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>The caller of a message, as authentication would establish it.</summary>
public sealed record TestCaller : ICurrentCaller
{
    public bool IsAuthenticated { get; init; } = true;
    public required string UserId { get; init; }
    public required UserRole Role { get; init; }
    public string ApiKeyHash { get; init; } = TestSecrets.Hash("sk-caller-presented-key");

    /// <summary>The master key: a proxy admin whose user id is <c>default_user_id</c>.</summary>
    public static TestCaller MasterKey { get; } = new() { UserId = SpecialValues.DefaultUserId, Role = UserRole.ProxyAdmin };

    public static TestCaller Anonymous { get; } = new() { IsAuthenticated = false, UserId = string.Empty, Role = UserRole.Customer, ApiKeyHash = string.Empty };

    public static TestCaller Admin(string userId = "admin") => new() { UserId = userId, Role = UserRole.ProxyAdmin };

    public static TestCaller AdminViewer(string userId = "viewer") => new() { UserId = userId, Role = UserRole.ProxyAdminViewer };

    public static TestCaller InternalUser(string userId) => new() { UserId = userId, Role = UserRole.InternalUser };

    public static TestCaller WithRole(UserRole role, string userId = "someone") => new() { UserId = userId, Role = role };
}
