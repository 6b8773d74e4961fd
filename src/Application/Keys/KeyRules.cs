using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys;

/// <summary>The field rules of key requests that no other feature shares.</summary>
public static class KeyRules
{
    public const int SecretMaxLength = 256;

    /// <summary>LiteLLM's throughput modes of <c>rpm_limit_type</c> / <c>tpm_limit_type</c> on keys.</summary>
    public static readonly string[] LimitTypes = ["guaranteed_throughput", "best_effort_throughput", "dynamic"];

    /// <summary>
    /// A caller-chosen secret (<c>key</c> on generate, <c>new_key</c> on regenerate): <c>sk-</c> and at least one more
    /// character, no whitespace or control characters. The message never repeats the value.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> VirtualKeySecret<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null
                || (value.Length > KeyValidity.SecretPrefix.Length && value.Length <= SecretMaxLength
                    && KeyValidity.LooksLikeVirtualKey(value) && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            .WithMessage($"Invalid key format. LiteLLM Virtual Key must start with 'sk-', followed by 1 to {SecretMaxLength - 3} characters without spaces.");

    public static IRuleBuilderOptions<T, string?> LimitType<T>(this IRuleBuilder<T, string?> rule, string[] allowed) => rule.OneOf(allowed);

    /// <summary>
    /// <c>rpm_limit_type</c> or <c>tpm_limit_type</c> (<paramref name="key"/>) sent inside <c>metadata</c>, where LiteLLM
    /// keeps and reads them (and where the top-level fields are moved): absent, null or one of the top level's values.
    /// The refusal names <c>metadata.&lt;key&gt;</c>, so the rule is a rule of its own.
    /// </summary>
    public static IRuleBuilderOptions<T, JsonObject?> LimitTypeInside<T>(this IRuleBuilder<T, JsonObject?> rule, string key, string[] allowed) =>
        rule.Must(metadata => metadata is null || IsLimitType(metadata[key], allowed))
            .WithMessage($"'metadata.{key}' must be one of: {string.Join(", ", allowed)}.")
            .OverridePropertyName($"metadata.{key}");

    private static bool IsLimitType(JsonNode? value, string[] allowed) =>
        value is null || (value is JsonValue text && text.TryGetValue<string>(out var mode) && allowed.Contains(mode, StringComparer.Ordinal));
}
