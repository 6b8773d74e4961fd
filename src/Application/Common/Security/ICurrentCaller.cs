using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Common.Security;

/// <summary>Who sent the request being handled, as established by API-key authentication.</summary>
public interface ICurrentCaller
{
    /// <summary>False only for anonymous routes (health); every other message has a caller.</summary>
    bool IsAuthenticated { get; }

    /// <summary>The caller's user id; <c>default_user_id</c> for the master key.</summary>
    string UserId { get; }

    UserRole Role { get; }

    /// <summary>SHA-256 hex of the key the caller presented, recorded in audit rows.</summary>
    string ApiKeyHash { get; }
}
