namespace ProxyAdmin.Domain.Common;

/// <summary>What stands behind the key a request presents.</summary>
public enum PrincipalKind
{
    /// <summary>The master key: <c>proxy_admin</c>, recorded as <c>default_user_id</c>, and no user at all.</summary>
    MasterKey,

    /// <summary>A virtual key owned by a user: it acts with that user's role and team memberships.</summary>
    User,

    /// <summary>
    /// A virtual key without a user: it is its own identity, the service account of its team (when it has one),
    /// and never counts as any user or team member.
    /// </summary>
    ServiceAccount,
}
