using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ProxyAdmin.Infrastructure.Json;

/// <summary>
/// Reads the free-form JSON of a request (<c>metadata</c>, <c>litellm_params</c>, <c>model_info</c> …) as
/// <typeparamref name="TNode"/>, keys compared exactly (as LiteLLM's Python dicts do: <c>A</c> and <c>a</c> are two keys),
/// and refuses a key sent twice in one object, at any depth (<see cref="DuplicateJsonKeys"/>). The
/// serializer's own node converters, under <c>AllowDuplicateProperties = false</c>, end a duplicate with an
/// <see cref="ArgumentException"/> (a 500), and, under the Web defaults' case-insensitive names, also take <c>A</c> and
/// <c>a</c> for one key. Keys and strings are decoded as they are read, so one that is not text (invalid UTF-8, a lone
/// surrogate) is refused with the body instead of being stored altered or failing the writer later (a 500); numbers
/// and booleans are kept as the serializer keeps them (values over their <see cref="JsonElement"/>), so a number is
/// read back exactly as sent.
/// </summary>
public sealed class FreeFormJsonConverter<TNode> : JsonConverter<TNode>
    where TNode : JsonNode
{
    public override TNode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadNode(ref reader, []) switch
        {
            null => null,
            TNode node => node,

            // Another kind of JSON than the field takes (an array for metadata): the serializer words the refusal.
            _ => throw new JsonException(),
        };

    public override void Write(Utf8JsonWriter writer, TNode value, JsonSerializerOptions options) => value.WriteTo(writer, options);

    /// <param name="path">The keys from the field down to the value being read, for the refusal of a duplicate.</param>
    private static JsonNode? ReadNode(ref Utf8JsonReader reader, List<string> path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var node = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    path.Add(key);
                    var value = ReadNode(ref reader, path);
                    path.RemoveAt(path.Count - 1);
                    if (!node.TryAdd(key, value))
                    {
                        throw DuplicateJsonKeys.Refusal([.. path, key]);
                    }
                }

                return node;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadNode(ref reader, path));
                }

                return array;
            case JsonTokenType.Null:
                return null;

            // Decoded here, so a string that is not text (invalid UTF-8, a lone surrogate) is refused now as unreadable,
            // not stored altered or met later by the writer.
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString());
            default:
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
        }
    }
}
