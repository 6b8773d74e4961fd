using System.Text.RegularExpressions;

namespace ProxyAdmin.Application.Common.Security;

/// <summary>Message types and members as a person reads them: in snake_case, without the Command/Query suffix.</summary>
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
