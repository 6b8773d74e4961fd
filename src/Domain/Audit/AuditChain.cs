using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ProxyAdmin.Domain.Audit;

/// <summary>
/// How a link of the audit chain is computed, so that any replica, any provider and any reader of an export computes
/// the same: <c>hash = lower-hex(SHA-256(UTF-8(previous_hash + canonical_content)))</c>, where the first row's previous
/// hash is <see cref="Genesis"/>.
/// </summary>
/// <remarks>
/// The canonical content is one JSON object with the members <c>action</c>, <c>before_value</c>, <c>changed_by</c>,
/// <c>changed_by_api_key</c>, <c>id</c>, <c>object_id</c>, <c>sequence</c>, <c>table_name</c>, <c>updated_at</c>,
/// <c>updated_values</c>, written canonically (<see cref="WriteCanonical"/>). The action is its lower-case wire
/// name, the id the hyphenated lower-case GUID, the instant UTC with exactly six fractional digits
/// (<c>2026-11-24T10:00:00.000000Z</c>: every provider keeps whole microseconds), and the before and after values are
/// the stored JSON written canonically (or null), so the order in which a database hands back their keys
/// changes nothing. The sequence is inside the content: a row moved to another place no longer matches.
/// </remarks>
public static class AuditChain
{
    /// <summary>The previous hash of the first row: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(string previousHash, AuditEntry entry)
    {
        var content = CanonicalContent(entry);
        var bytes = new byte[Encoding.UTF8.GetByteCount(previousHash) + content.Length];
        var written = Encoding.UTF8.GetBytes(previousHash, bytes);
        content.CopyTo(bytes, written);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The canonical content of a chained row, UTF-8.</summary>
    /// <exception cref="JsonException">A stored value is not JSON (it was changed outside the service).</exception>
    public static byte[] CanonicalContent(AuditEntry entry)
    {
        var sequence = entry.Sequence ?? throw new InvalidOperationException("Only a chained row has a canonical content.");
        var text = new StringBuilder(256);
        text.Append("{\"action\":");
        WriteString(text, entry.Action.ToString().ToLowerInvariant());
        text.Append(",\"before_value\":");
        WriteValue(text, entry.BeforeValue);
        text.Append(",\"changed_by\":");
        WriteString(text, entry.ChangedBy);
        text.Append(",\"changed_by_api_key\":");
        WriteString(text, entry.ChangedByApiKey);
        text.Append(",\"id\":");
        WriteString(text, entry.Id.ToString("D", CultureInfo.InvariantCulture));
        text.Append(",\"object_id\":");
        WriteString(text, entry.ObjectId);
        text.Append(",\"sequence\":").Append(sequence.ToString(CultureInfo.InvariantCulture));
        text.Append(",\"table_name\":");
        WriteString(text, entry.TableName);
        text.Append(",\"updated_at\":");
        WriteString(text, Instant(entry.UpdatedAt));
        text.Append(",\"updated_values\":");
        WriteValue(text, entry.UpdatedValues);
        text.Append('}');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// <paramref name="json"/> written canonically: no insignificant whitespace; object members sorted by name in
    /// ordinal (UTF-16 code unit) order, members of one name kept in their order; numbers as their literal text;
    /// strings with only <c>"</c>, <c>\</c> and control characters escaped (<c>\b \f \n \r \t</c>, others
    /// <c>\u00xx</c> in lower-case hex), every other character as itself.
    /// </summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not JSON.</exception>
    public static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        var text = new StringBuilder(json.Length);
        WriteCanonical(text, document.RootElement);
        return text.ToString();
    }

    /// <summary>An instant as the content holds it: UTC, six fractional digits (a stored tick below a microsecond is dropped).</summary>
    public static string Instant(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var whole = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        return whole.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    private static void WriteValue(StringBuilder text, string? json)
    {
        if (json is null)
        {
            text.Append("null");
            return;
        }

        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        WriteCanonical(text, document.RootElement);
    }

    private static void WriteCanonical(StringBuilder text, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var member in element.EnumerateObject().Select((p, i) => (p, i)).OrderBy(m => m.p.Name, StringComparer.Ordinal).ThenBy(m => m.i))
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    WriteString(text, member.p.Name);
                    text.Append(':');
                    WriteCanonical(text, member.p.Value);
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                    {
                        text.Append(',');
                    }

                    WriteCanonical(text, item);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(text, element.GetString()!);
                break;
            case JsonValueKind.Number:
                text.Append(element.GetRawText());
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case < ' ':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        text.Append('"');
    }
}
