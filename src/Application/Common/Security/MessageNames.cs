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

    /// <summary>
    /// <c>ProjectId</c> → <c>project_id</c>. Remembered per name: FluentValidation asks for every rule's property name on
    /// every validation (the wire name, through the resolver in <c>AddApplicationServices</c>), and the names are the
    /// code's own members and enum values, a fixed few.
    /// </summary>
    public static string ToSnakeCase(string pascalCase) =>
        SnakeCase.GetOrAdd(pascalCase, static name => WordBoundary().Replace(name, "_$1").ToLowerInvariant());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> SnakeCase = new(StringComparer.Ordinal);

    [GeneratedRegex("(Command|Query)$")]
    private static partial Regex SuffixPattern();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
