using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Common.Security;

/// <summary>Roles as a person reads them in an error message: their wire names.</summary>
public static class RoleNames
{
    public static string ToWire(UserRole role) => MessageNames.ToSnakeCase(role.ToString());
}
