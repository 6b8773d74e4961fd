using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Common.Requests;

/// <summary>
/// Request fields that LiteLLM keeps inside the entity's <c>metadata</c> instead of in columns
/// (<c>model_rpm_limit</c>, <c>tags</c>, <c>guardrails</c> …). Create and update requests of teams,
/// projects and keys inherit them, and <see cref="MoveInto"/> puts the ones that were sent into metadata.
/// </summary>
public abstract record ManagedMetadataFields
{
    /// <summary>Per-model requests per minute: model name → limit.</summary>
    public Dictionary<string, long>? ModelRpmLimit { get; init; }

    /// <summary>Per-model tokens per minute: model name → limit.</summary>
    public Dictionary<string, long>? ModelTpmLimit { get; init; }

    /// <summary><c>guaranteed_throughput</c>, <c>best_effort_throughput</c> …</summary>
    public string? RpmLimitType { get; init; }

    public string? TpmLimitType { get; init; }
    public List<string>? EnforcedParams { get; init; }
    public double? TempBudgetIncrease { get; init; }
    public DateTime? TempBudgetExpiry { get; init; }
    public JsonArray? AllowedVectorStoreIndexes { get; init; }
    public JsonNode? EnforcedBatchOutputExpiresAfter { get; init; }
    public JsonNode? EnforcedFileExpiresAfter { get; init; }
    public List<string>? Guardrails { get; init; }
    public List<string>? Policies { get; init; }
    public List<string>? Tags { get; init; }
    public string? TeamMemberKeyDuration { get; init; }
    public List<string>? Prompts { get; init; }
    public JsonArray? Logging { get; init; }
    public JsonObject? SecretManagerSettings { get; init; }
    public List<string>? AllowedPassthroughRoutes { get; init; }

    /// <summary>
    /// The metadata to store: <paramref name="metadata"/> (as sent, possibly null) with every managed field
    /// that was sent written under its snake_case name. Null when neither carried anything.
    /// </summary>
    public JsonObject? MoveInto(JsonObject? metadata)
    {
        var fields = new (string Name, object? Value)[]
        {
            ("model_rpm_limit", ModelRpmLimit),
            ("model_tpm_limit", ModelTpmLimit),
            ("rpm_limit_type", RpmLimitType),
            ("tpm_limit_type", TpmLimitType),
            ("enforced_params", EnforcedParams),
            ("temp_budget_increase", TempBudgetIncrease),
            ("temp_budget_expiry", TempBudgetExpiry),
            ("allowed_vector_store_indexes", AllowedVectorStoreIndexes),
            ("enforced_batch_output_expires_after", EnforcedBatchOutputExpiresAfter),
            ("enforced_file_expires_after", EnforcedFileExpiresAfter),
            ("guardrails", Guardrails),
            ("policies", Policies),
            ("tags", Tags),
            ("team_member_key_duration", TeamMemberKeyDuration),
            ("prompts", Prompts),
            ("logging", Logging),
            ("secret_manager_settings", SecretManagerSettings),
            ("allowed_passthrough_routes", AllowedPassthroughRoutes),
        };

        JsonObject? result = metadata is null ? null : (JsonObject)metadata.DeepClone();
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                continue;
            }

            result ??= [];
            result[name] = ToNode(value);
        }

        return result;
    }

    private static JsonNode? ToNode(object value) => value switch
    {
        JsonNode node => node.DeepClone(),
        string text => JsonValue.Create(text),
        double number => JsonValue.Create(number),
        DateTime instant => JsonValue.Create(instant.ToUniversalTime()),
        List<string> list => new JsonArray([.. list.Select(item => (JsonNode?)JsonValue.Create(item))]),
        Dictionary<string, long> map => new JsonObject(map.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value)))),
        _ => throw new InvalidOperationException($"No JSON form for {value.GetType().Name}."),
    };
}
