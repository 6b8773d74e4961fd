using System.Text.Json;

namespace ProxyAdmin.Infrastructure.Json;

/// <summary>The wire's JSON for the application layer, with the very options MVC writes responses with (<see cref="WireJsonOptions"/>).</summary>
internal sealed class WireJson(WireJsonOptions options) : IWireJson
{
    public string Serialize(object value, Type type) => JsonSerializer.Serialize(value, type, options.Serializer);

    public object Deserialize(string json, Type type) =>
        JsonSerializer.Deserialize(json, type, options.Serializer) ?? throw new JsonException($"A stored {type.Name} read as null.");
}
