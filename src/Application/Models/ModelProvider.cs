using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Models;

/// <summary>The provider behind a deployment, as LiteLLM's <c>get_llm_provider</c> names it from <c>litellm_params</c>.</summary>
public static class ModelProvider
{
    /// <summary><c>custom_llm_provider</c>, else the prefix of <c>model</c> (<c>openai/gpt-4o</c> → <c>openai</c>), else <c>openai</c>.</summary>
    public static string Of(JsonObject litellmParams)
    {
        if (Text(litellmParams, "custom_llm_provider") is { Length: > 0 } provider)
        {
            return provider;
        }

        var name = Text(litellmParams, "model");
        var slash = name?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0 ? name![..slash] : "openai";
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
