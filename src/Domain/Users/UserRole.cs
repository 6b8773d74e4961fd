namespace ProxyAdmin.Domain.Users;

/// <summary>LiteLLM's user roles; on the wire in snake_case (<c>proxy_admin</c>, <c>internal_user</c> …).</summary>
public enum UserRole
{
    /// <summary>Everything.</summary>
    ProxyAdmin,

    /// <summary>Every read, no write.</summary>
    ProxyAdminViewer,

    /// <summary>Accepted for compatibility and acts as an internal user: what an org admin may do comes from its role in each organization (<c>/organization/member_add</c>).</summary>
    OrgAdmin,

    /// <summary>Manages its own keys and reads its own data.</summary>
    InternalUser,

    /// <summary>Reads its own data.</summary>
    InternalUserViewer,

    /// <summary>Accepted for compatibility (LiteLLM's JWT team scope); reads its own data.</summary>
    Team,

    /// <summary>Accepted for compatibility (an external end user); reads its own data.</summary>
    Customer,
}
