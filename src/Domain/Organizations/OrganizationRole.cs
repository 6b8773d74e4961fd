namespace ProxyAdmin.Domain.Organizations;

/// <summary>
/// A member's role inside one organization, LiteLLM's three (<c>org_admin</c>, <c>internal_user</c>,
/// <c>internal_user_viewer</c> on the wire). It applies inside that organization only; the user's proxy-wide role is
/// unchanged by it.
/// </summary>
public enum OrganizationRole
{
    /// <summary>Creates and manages the organization's teams and members, and reads everything under it.</summary>
    OrgAdmin,

    /// <summary>Reads the organization.</summary>
    InternalUser,

    /// <summary>Reads the organization.</summary>
    InternalUserViewer,
}
