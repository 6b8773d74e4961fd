using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Common.Security;

public static class AccessPolicyExtensions
{
    public static bool Allows(this AccessPolicy policy, UserRole role) => policy switch
    {
        AccessPolicy.ProxyAdmin => role == UserRole.ProxyAdmin,
        AccessPolicy.AdminRead => role is UserRole.ProxyAdmin or UserRole.ProxyAdminViewer,
        AccessPolicy.SelfServiceWrite => role is UserRole.ProxyAdmin or UserRole.OrgAdmin or UserRole.InternalUser,
        AccessPolicy.SelfServiceRead => true,
        _ => false,
    };
}
