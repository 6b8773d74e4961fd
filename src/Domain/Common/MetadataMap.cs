using System.Text.Json.Nodes;

namespace ProxyAdmin.Domain.Common;

/// <summary>
/// Free-form <c>metadata</c> maps are JSON objects chosen by the caller; the domain only ever merges them.
/// </summary>
public static class MetadataMap
{
    /// <summary>
    /// A shallow merge: every top-level key of <paramref name="changes"/> replaces the same key of
    /// <paramref name="current"/>, a JSON null removes it, and keys not sent stay as they were.
    /// </summary>
    public static JsonObject Merge(JsonObject current, JsonObject changes)
    {
        var merged = (JsonObject)current.DeepClone();
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                merged.Remove(name);
            }
            else
            {
                merged[name] = value.DeepClone();
            }
        }

        return merged;
    }
}
