using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ProxyAdmin.Application.Common.Paging;

/// <summary>
/// The opaque, URL-safe <c>after</c> / <c>next_cursor</c> of a keyset-paged list: the sort key of the last row a page
/// showed, and a fingerprint of the list, filters and sort it was made for. A cursor holds no authority: the handler
/// applies the caller's scope and the request's filters again, and the cursor only says where in that result to
/// resume, so a forged one can at most skip rows the caller may see anyway.
/// </summary>
public static class PageCursor
{
    /// <summary>The query parameter a cursor is sent back in; every refusal names it.</summary>
    public const string Parameter = "after";

    /// <summary>Far longer than any cursor this service writes; the validators refuse longer ones unread.</summary>
    public const int MaxLength = 1024;

    internal const string Refusal = "'after' is not a cursor this list returned for the same filters and sort.";

    /// <summary>The fingerprint of a list with its filters and sort: a cursor made for other ones is refused.</summary>
    public static string Fingerprint(string list, params object?[] filters)
    {
        var text = new StringBuilder(list);
        foreach (var filter in filters)
        {
            text.Append('\u001f').Append(filter switch
            {
                null => "\u0000",
                DateTime instant => instant.Ticks.ToString(CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                IEnumerable<string> values => string.Join('\u001e', values),
                _ => filter.ToString(),
            });
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 8);
    }

    public static string Encode(string fingerprint, params string[] keys)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes<string[]>([fingerprint, .. keys]);
        return Convert.ToBase64String(payload).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The sort key a cursor holds, checked against the list it is used with.</summary>
    /// <exception cref="BadRequestException">Malformed, or made for another list, other filters or another sort.</exception>
    public static CursorKeys Decode(string cursor, string fingerprint, int keyCount)
    {
        string[]? parts;
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            parts = JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(base64));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new BadRequestException(Refusal, Parameter);
        }

        if (parts is null || parts.Length != keyCount + 1 || parts[0] != fingerprint || parts.Any(p => p is null))
        {
            throw new BadRequestException(Refusal, Parameter);
        }

        return new CursorKeys(parts[1..]);
    }

    public static string Key(DateTime instant) => instant.Ticks.ToString(CultureInfo.InvariantCulture);

    public static string Key(Guid id) => id.ToString("N");

    public static string Key(bool flag) => flag ? "1" : "0";
}
