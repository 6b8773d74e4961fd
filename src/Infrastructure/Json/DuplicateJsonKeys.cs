using System.Text.Json;

namespace ProxyAdmin.Infrastructure.Json;

/// <summary>
/// The refusal of a key sent twice in one JSON object of a request, worded by the serializer and read back by the
/// error envelope. MVC keeps only a <see cref="JsonException"/>'s message in its model state, not the exception, so
/// the keys travel in the message, as a JSON array after <see cref="Marker"/>.
/// </summary>
public static class DuplicateJsonKeys
{
    /// <summary>How System.Text.Json's own refusals of a repeated field or dictionary key begin.</summary>
    public const string SerializerMarker = "Duplicate propert";

    private const string Marker = "A key appears more than once in one JSON object; the keys leading to it: ";

    /// <param name="keys">The keys from the field down to the repeated one, which is last.</param>
    public static JsonException Refusal(IReadOnlyList<string> keys) => new(Marker + JsonSerializer.Serialize(keys));

    /// <summary>
    /// For a refusal of a repeated key, the keys below the field the error is recorded under: those of a free-form map
    /// (<see cref="Refusal"/>), or none when the serializer refused the field itself. Null for any other error.
    /// </summary>
    public static IReadOnlyList<string>? In(string message)
    {
        if (message.StartsWith(SerializerMarker, StringComparison.Ordinal))
        {
            return [];
        }

        if (!message.StartsWith(Marker, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(message.AsSpan(Marker.Length));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
