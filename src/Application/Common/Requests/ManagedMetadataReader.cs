using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Common.Requests;

/// <summary>
/// Reads back what <see cref="ManagedMetadataFields.MoveInto"/> wrote into an entity's <c>metadata</c>, so a response
/// can also show a managed field under its own name (terraform-provider-litellm reads <c>guardrails</c>,
/// <c>prompts</c>, <c>tags</c> … at the top level). A value the caller stored in another shape reads as absent.
/// </summary>
public static class ManagedMetadataReader
{
    public static List<string>? Strings(JsonObject metadata, string name) =>
        metadata[name] is JsonArray items && items.All(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            ? items.Select(item => item!.GetValue<string>()).ToList()
            : null;

    public static string? Text(JsonObject metadata, string name) =>
        metadata[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Model name → limit, when every value is a whole number.</summary>
    public static Dictionary<string, long>? Limits(JsonObject metadata, string name)
    {
        if (metadata[name] is not JsonObject limits)
        {
            return null;
        }

        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (model, limit) in limits)
        {
            if (limit is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<long>(out var number))
            {
                return null;
            }

            result[model] = number;
        }

        return result;
    }
}
