using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

/// <summary>
/// Lists and maps live in one JSON text column each, on every provider. Change tracking compares the
/// serialised form, so an in-place edit of a list is saved like a replaced one.
/// </summary>
internal static class JsonColumns
{
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class =>
        property.HasConversion(
            value => Serialize(value),
            json => Read<T>(json),
            new ValueComparer<T>(
                (left, right) => Serialize(left) == Serialize(right),
                value => Serialize(value).GetHashCode(StringComparison.Ordinal),
                value => JsonSerializer.Deserialize<T>(Serialize(value), (JsonSerializerOptions?)null)!))
            .IsRequired();

    /// <summary>As <see cref="HasJsonConversion{T}"/>, for a column that may hold no value at all.</summary>
    public static PropertyBuilder<T?> HasNullableJsonConversion<T>(this PropertyBuilder<T?> property)
        where T : class =>
        property.HasConversion(
            value => value == null ? null : Serialize(value),
            json => json == null ? null : Read<T>(json),
            new ValueComparer<T?>(
                (left, right) => Serialize(left) == Serialize(right),
                value => Serialize(value).GetHashCode(StringComparison.Ordinal),
                value => value == null ? null : JsonSerializer.Deserialize<T>(Serialize(value), (JsonSerializerOptions?)null)));

    /// <summary>
    /// The column's value. Most stored maps and lists are empty, and reading <c>{}</c> or <c>[]</c> needs no parser: the
    /// serializer cost a few hundred bytes per column, and a key's row has a dozen such columns.
    /// </summary>
    internal static T Read<T>(string json)
        where T : class =>
        json switch
        {
            "{}" when typeof(T) == typeof(JsonObject) => (T)(object)new JsonObject(),
            "[]" when typeof(T) == typeof(List<string>) => (T)(object)new List<string>(),
            _ => JsonSerializer.Deserialize<T>(json, (JsonSerializerOptions?)null)!,
        };

    private static string Serialize<T>(T? value) => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null);
}
