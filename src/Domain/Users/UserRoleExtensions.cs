namespace ProxyAdmin.Domain.Users;

/// <summary>What a role may do everywhere, before any particular team, project or key is considered.</summary>
public static class UserRoleExtensions
{
    public static bool IsProxyAdmin(this UserRole role) => role == UserRole.ProxyAdmin;

    /// <summary>Admins and admin viewers read everything; everyone else reads only their own data.</summary>
    public static bool ReadsEverything(this UserRole role) => role is UserRole.ProxyAdmin or UserRole.ProxyAdminViewer;
}
