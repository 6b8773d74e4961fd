using System.Text.Json;

namespace ProxyAdmin.RawReference;

/// <summary>
/// The fields ProxyAdmin answers from <c>metadata</c> (its <c>ManagedMetadataReader</c>): string lists, texts and
/// per-model limits, each shown only when the stored value has the expected shape.
/// </summary>
internal static class ManagedMetadata
{
    private static readonly string[] KeyStringLists = ["tags", "guardrails", "policies", "prompts", "enforced_params", "allowed_passthrough_routes"];

    public static void WriteProjectLimits(Utf8JsonWriter w, string metadata)
    {
        if (metadata == "{}")
        {
            w.WritePropertyName("model_rpm_limit");
            w.WriteStartObject();
            w.WriteEndObject();
            w.WritePropertyName("model_tpm_limit");
            w.WriteStartObject();
            w.WriteEndObject();
            return;
        }

        using var document = JsonDocument.Parse(metadata);
        Limits(w, "model_rpm_limit", document.RootElement, emptyWhenAbsent: true);
        Limits(w, "model_tpm_limit", document.RootElement, emptyWhenAbsent: true);
    }

    public static void WriteKeyFields(Utf8JsonWriter w, string metadata)
    {
        if (metadata == "{}")
        {
            foreach (var name in KeyStringLists)
            {
                w.WriteNull(name);
            }

            w.WriteNull("model_rpm_limit");
            w.WriteNull("model_tpm_limit");
            w.WriteNull("rpm_limit_type");
            w.WriteNull("tpm_limit_type");
            return;
        }

        using var document = JsonDocument.Parse(metadata);
        var root = document.RootElement;
        foreach (var name in KeyStringLists)
        {
            Strings(w, name, root);
        }

        Limits(w, "model_rpm_limit", root, emptyWhenAbsent: false);
        Limits(w, "model_tpm_limit", root, emptyWhenAbsent: false);
        Text(w, "rpm_limit_type", root);
        Text(w, "tpm_limit_type", root);
    }

    private static void Strings(Utf8JsonWriter w, string name, JsonElement root)
    {
        if (root.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array
            && items.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String))
        {
            w.WritePropertyName(name);
            items.WriteTo(w);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Text(Utf8JsonWriter w, string name, JsonElement root)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            w.WriteString(name, value.GetString());
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Model → limit when every value is a whole number; otherwise null (or <c>{}</c> for projects).</summary>
    private static void Limits(Utf8JsonWriter w, string name, JsonElement root, bool emptyWhenAbsent)
    {
        var valid = root.TryGetProperty(name, out var limits) && limits.ValueKind == JsonValueKind.Object
            && limits.EnumerateObject().All(limit => limit.Value.ValueKind == JsonValueKind.Number && limit.Value.TryGetInt64(out _));
        w.WritePropertyName(name);
        if (!valid)
        {
            if (emptyWhenAbsent)
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNullValue();
            }

            return;
        }

        w.WriteStartObject();
        foreach (var limit in limits.EnumerateObject())
        {
            w.WriteNumber(limit.Name, limit.Value.GetInt64());
        }

        w.WriteEndObject();
    }
}
