using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.Common;

/// <summary>
/// Who a request acts as, as every access rule judges it. Built by authentication from the stored key, never
/// from a magic user id: a key without a user is a <see cref="PrincipalKind.ServiceAccount"/> whose identity is
/// the key itself (<see cref="Id"/> = <see cref="ServiceAccountPrefix"/> + the key's hash, the <c>token</c> the
/// key has on the wire), so it can neither borrow a user's role or memberships nor be confused with another key.
/// </summary>
public sealed record Principal
{
    /// <summary>Starts the id of every service account; user ids may not (<see cref="ReservedUserIds"/>).</summary>
    public const string ServiceAccountPrefix = "key:";

    private Principal(PrincipalKind kind, string? userId, UserRole role, string keyToken, string? teamId)
    {
        Kind = kind;
        UserId = userId;
        Role = role;
        KeyToken = keyToken;
        TeamId = teamId;
    }

    public PrincipalKind Kind { get; }

    /// <summary>The user that owns the key; null for the master key and for service accounts.</summary>
    public string? UserId { get; }

    /// <summary>
    /// The user's role; <c>proxy_admin</c> for the master key; <c>internal_user</c> for a service account (LiteLLM's
    /// role for a key without a user), which the authorization gate narrows further.
    /// </summary>
    public UserRole Role { get; }

    /// <summary>SHA-256 hex of the presented key (<c>token</c> on the wire).</summary>
    public string KeyToken { get; }

    /// <summary>A service account's team, the one team it reads; null for everyone else and for a key with no team.</summary>
    public string? TeamId { get; }

    public bool IsServiceAccount => Kind == PrincipalKind.ServiceAccount;

    /// <summary>
    /// The author recorded in <c>created_by</c>, <c>updated_by</c> and <c>changed_by</c>: the user id, <c>default_user_id</c>
    /// for the master key, or <c>key:&lt;token&gt;</c> for a service account.
    /// </summary>
    public string Id => Kind switch
    {
        PrincipalKind.MasterKey => SpecialValues.DefaultUserId,
        PrincipalKind.User => UserId!,
        _ => ServiceAccountPrefix + KeyToken,
    };

    public static Principal ForMasterKey(string keyToken) => new(PrincipalKind.MasterKey, null, UserRole.ProxyAdmin, keyToken, null);

    public static Principal ForUser(string userId, UserRole role, string keyToken)
    {
        // A reserved id is nobody's: a key stored under one (LiteLLM writes default_user_id) must not take that row's role.
        if (ReservedUserIds.IsReserved(userId))
        {
            throw new ArgumentException($"'{userId}' is a reserved id, not a user.", nameof(userId));
        }

        return new(PrincipalKind.User, userId, role, keyToken, null);
    }

    public static Principal ForServiceAccount(string keyToken, string? teamId) =>
        new(PrincipalKind.ServiceAccount, null, UserRole.InternalUser, keyToken, teamId);

    /// <summary>Rebuilds a principal from the parts <see cref="ForMasterKey"/>, <see cref="ForUser"/> or <see cref="ForServiceAccount"/> made.</summary>
    public static Principal Restore(PrincipalKind kind, string? userId, UserRole role, string keyToken, string? teamId) => kind switch
    {
        PrincipalKind.MasterKey => ForMasterKey(keyToken),
        PrincipalKind.User => ForUser(userId ?? throw new ArgumentNullException(nameof(userId)), role, keyToken),
        PrincipalKind.ServiceAccount => ForServiceAccount(keyToken, teamId),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown principal kind."),
    };
}
