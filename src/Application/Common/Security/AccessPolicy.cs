namespace ProxyAdmin.Application.Common.Security;

/// <summary>
/// Which roles may send a message at all. Policies that admit non-admins leave the "only your own"
/// check to the handler, which knows what the message touches.
/// </summary>
public enum AccessPolicy
{
    /// <summary><c>proxy_admin</c> only.</summary>
    ProxyAdmin,

    /// <summary><c>proxy_admin</c> and <c>proxy_admin_viewer</c>: reads of everything.</summary>
    AdminRead,

    /// <summary>Roles that manage their own resources: admins, org admins and internal users.</summary>
    SelfServiceWrite,

    /// <summary>Every authenticated role; the handler narrows non-admins to their own data.</summary>
    SelfServiceRead,
}
