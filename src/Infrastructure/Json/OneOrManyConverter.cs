using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProxyAdmin.Infrastructure.Json;

/// <summary>
/// Reads a list that LiteLLM clients may send either as one object or as an array of them (for example
/// <c>member</c> of <c>/team/member_add</c>); always writes an array.
/// </summary>
public sealed class OneOrManyConverter<T> : JsonConverter<List<T>>
{
    public override List<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject:
                return [JsonSerializer.Deserialize<T>(ref reader, options)!];
            case JsonTokenType.StartArray:
                var items = new List<T>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(JsonSerializer.Deserialize<T>(ref reader, options)!);
                }

                return items;
            default:
                throw new JsonException("Expected an object or an array of objects.");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, options);
        }

        writer.WriteEndArray();
    }
}
