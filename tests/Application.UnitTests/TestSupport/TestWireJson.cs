using System.Text.Json;
using ProxyAdmin.Application.Common.Interfaces;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>snake_case JSON, as the wire writes it.</summary>
public sealed class TestWireJson : IWireJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Serialize(object value, Type type) => JsonSerializer.Serialize(value, type, Options);

    public object Deserialize(string json, Type type) => JsonSerializer.Deserialize(json, type, Options)!;
}
