using System.Text.RegularExpressions;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Common.Security;

/// <summary>Roles and message names as a person reads them in an error message.</summary>
public static partial class RoleNames
{
    public static string ToWire(UserRole role) => MessageNames.ToSnakeCase(role.ToString());
}

public static partial class MessageNames
{
    /// <summary><c>CreateUserCommand</c> → "create user".</summary>
    public static string Describe(Type messageType)
    {
        var name = SuffixPattern().Replace(messageType.Name, string.Empty);
        return ToSnakeCase(name).Replace('_', ' ');
    }

    public static string ToSnakeCase(string pascalCase) => WordBoundary().Replace(pascalCase, "_$1").ToLowerInvariant();

    [GeneratedRegex("(Command|Query)$")]
    private static partial Regex SuffixPattern();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
