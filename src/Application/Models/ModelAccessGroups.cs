using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Models;

/// <summary>A deployment's access groups: the names in its <c>model_info.access_groups</c> (LiteLLM's model access groups).</summary>
public static class ModelAccessGroups
{
    /// <summary>The key of <c>model_info</c> that lists a deployment's access groups.</summary>
    public const string Key = "access_groups";

    public static IEnumerable<string> Of(JsonObject modelInfo) =>
        modelInfo[Key] is JsonArray groups
            ? groups.OfType<JsonValue>().Select(group => group.TryGetValue<string>(out var name) ? name : null).OfType<string>().Where(name => name.Length > 0)
            : [];
}
