using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

/// <summary>Lists and free-form maps live in one JSON text column each, on every provider.</summary>
internal static class JsonColumns
{
    public static PropertyBuilder<List<string>> HasJsonConversion(this PropertyBuilder<List<string>> property) =>
        property.HasConversion(
            value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
            json => JsonSerializer.Deserialize<List<string>>(json, (JsonSerializerOptions?)null) ?? new List<string>(),
            new ValueComparer<List<string>>(
                (left, right) => left!.SequenceEqual(right!),
                value => value.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
                value => value.ToList()))
            .IsRequired();

    public static PropertyBuilder<JsonObject> HasJsonConversion(this PropertyBuilder<JsonObject> property) =>
        property.HasConversion(
            value => value.ToJsonString((JsonSerializerOptions?)null),
            json => JsonNode.Parse(json, null, default) as JsonObject ?? new JsonObject(),
            new ValueComparer<JsonObject>(
                (left, right) => JsonNode.DeepEquals(left, right),
                value => value.ToJsonString((JsonSerializerOptions?)null).GetHashCode(),
                value => (JsonObject)value.DeepClone()))
            .IsRequired();
}
