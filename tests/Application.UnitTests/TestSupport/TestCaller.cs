using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>The caller of a message, as authentication would establish it.</summary>
public sealed record TestCaller : ICurrentCaller
{
    private Principal? _stored;

    public bool IsAuthenticated { get; init; } = true;
    public PrincipalKind Kind { get; init; } = PrincipalKind.User;
    public string? UserId { get; init; }
    public required UserRole Role { get; init; }
    public string ApiKeyHash { get; init; } = TestSecrets.Hash("sk-caller-presented-key");

    /// <summary>A service account's team.</summary>
    public string? TeamId { get; init; }

    public Principal Principal => IsAuthenticated
        ? _stored ?? Principal.Restore(Kind, UserId, Role, ApiKeyHash, TeamId)
        : throw new UnauthenticatedException("No api key passed in.");

    public void UseStoredPrincipal(Principal stored) => _stored = stored;

    /// <summary>The master key: a proxy admin with no user, recorded as <c>default_user_id</c>.</summary>
    public static TestCaller MasterKey { get; } = new() { Kind = PrincipalKind.MasterKey, Role = UserRole.ProxyAdmin, ApiKeyHash = TestSecrets.Hash("sk-master") };

    public static TestCaller Anonymous { get; } = new() { IsAuthenticated = false, Role = UserRole.Customer, ApiKeyHash = string.Empty };

    public static TestCaller Admin(string userId = "admin") => new() { UserId = userId, Role = UserRole.ProxyAdmin };

    public static TestCaller AdminViewer(string userId = "viewer") => new() { UserId = userId, Role = UserRole.ProxyAdminViewer };

    public static TestCaller InternalUser(string userId) => new() { UserId = userId, Role = UserRole.InternalUser };

    public static TestCaller WithRole(UserRole role, string userId = "someone") => new() { UserId = userId, Role = role };

    /// <summary>A key without a user: its team's service account (or nobody's, without a team).</summary>
    public static TestCaller ServiceAccount(string? teamId, string presentedKey = "sk-service-account-key") =>
        new() { Kind = PrincipalKind.ServiceAccount, Role = UserRole.InternalUser, TeamId = teamId, ApiKeyHash = TestSecrets.Hash(presentedKey) };
}
