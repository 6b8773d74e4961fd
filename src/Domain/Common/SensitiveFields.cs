namespace ProxyAdmin.Domain.Common;

/// <summary>
/// Which named values are secrets, and how a secret is shown when it must be shown at all. Used for
/// responses and for audit rows alike, so the two can never disagree.
/// </summary>
public static class SensitiveFields
{
    private static readonly string[] SecretNameParts = ["key", "secret", "token", "password", "credential"];

    /// <summary>Names that contain a secret-looking word but only ever hold public identifiers.</summary>
    private static readonly HashSet<string> PublicIdentifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "key_alias", "key_name", "key_aliases", "token_id",
    };

    public static bool IsSensitive(string name) =>
        !PublicIdentifiers.Contains(name)
        && SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// At most the last four characters stay visible, and none of a short value. Masking a mask changes
    /// nothing, so an audit row of an already-masked response shows the same last four as the response.
    /// </summary>
    public static string Mask(string value) =>
        IsMask(value) ? value
        : value.Length <= 8 ? "****"
        : string.Concat("****", value.AsSpan(value.Length - 4));

    /// <summary>Four stars and at most four more characters: what <see cref="Mask"/> produces.</summary>
    private static bool IsMask(string value) => value.Length <= 8 && value.StartsWith("****", StringComparison.Ordinal);
}
