using System.Text.Json.Nodes;

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
        "key_alias", "key_name", "key_aliases", "token_id", "key_rotation_at", "team_member_key_duration",
        "litellm_credential_name", "credential_name",
    };

    /// <summary>
    /// Names that contain a secret-looking word but hold an object of named values (a stored credential's): the object
    /// is searched, and the secrets in it masked, rather than hidden whole.
    /// </summary>
    private static readonly HashSet<string> SearchedContainers = new(StringComparer.OrdinalIgnoreCase)
    {
        "credential_values", "credential_info",
    };

    /// <summary>
    /// Parts of names that count or price tokens (<c>max_tokens</c>, <c>input_cost_per_token</c>): numbers about tokens,
    /// never a token themselves.
    /// </summary>
    private static readonly string[] TokenMeasureParts = ["tokens", "cost"];

    private static readonly byte[][] SecretNamePartsUtf8 = [.. SecretNameParts.Select(System.Text.Encoding.ASCII.GetBytes)];

    /// <summary>
    /// Whether <see cref="IsSensitive"/> could hold for the name whose UTF-8 bytes these are, without making a string of
    /// it: false only for an ASCII name holding none of the secret-looking words (for ASCII, ignoring ASCII case is
    /// what <see cref="StringComparison.OrdinalIgnoreCase"/> does); true for every other name.
    /// </summary>
    public static bool MayBeSensitive(ReadOnlySpan<byte> utf8Name)
    {
        if (!System.Text.Ascii.IsValid(utf8Name))
        {
            return true;
        }

        foreach (var part in SecretNamePartsUtf8)
        {
            for (var start = 0; start + part.Length <= utf8Name.Length; start++)
            {
                if (System.Text.Ascii.EqualsIgnoreCase(utf8Name.Slice(start, part.Length), part))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static bool IsSensitive(string name) =>
        !PublicIdentifiers.Contains(name)
        && !SearchedContainers.Contains(name)
        && !TokenMeasureParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase))
        && SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// At most the last four characters stay visible, and none of a short value. Masking a mask changes
    /// nothing, so an audit row of an already-masked response shows the same last four as the response.
    /// </summary>
    public static string Mask(string value) =>
        IsMask(value) ? value
        : value.Length <= 8 ? "****"
        : string.Concat("****", value.AsSpan(value.Length - 4));

    /// <summary>
    /// Masks, in place and at any depth, every value held under a secret-looking name: a string keeps at most its
    /// last four characters (<see cref="Mask"/>); a number, boolean, object or list shows nothing, since a secret
    /// may hide in any of them (<c>"password": 123456</c>, <c>"api_key": ["sk-…"]</c>, <c>"credentials": {…}</c>).
    /// Values under other names are searched, never changed.
    /// </summary>
    public static void MaskSecretsIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is not null && IsSensitive(name))
                    {
                        obj[name] = child is JsonValue value && value.TryGetValue<string>(out var text) ? Mask(text) : "****";
                    }
                    else
                    {
                        MaskSecretsIn(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    MaskSecretsIn(child);
                }

                break;
        }
    }

    /// <summary>Four stars and at most four more characters: what <see cref="Mask"/> produces.</summary>
    private static bool IsMask(string value) => value.Length <= 8 && value.StartsWith("****", StringComparison.Ordinal);
}
