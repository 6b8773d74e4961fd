using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Permissions;

namespace ProxyAdmin.Application.Keys;

/// <summary>
/// The fields <c>/key/generate</c>, <c>/key/update</c> and <c>/key/regenerate</c> share: LiteLLM's
/// <c>GenerateRequestBase</c>, <c>KeyRequestBase</c> and <c>GenerateKeyRequest</c>. All three routes take all of
/// them, because clients (terraform-provider-litellm among them) build one body for create and update; a null
/// field is "not given".
/// </summary>
public abstract record KeyRequestFields : ManagedMetadataFields
{
    public string? KeyAlias { get; init; }

    /// <summary>Owner of the key.</summary>
    public string? UserId { get; init; }

    public string? TeamId { get; init; }

    /// <summary>A project of the key's team; the team is taken from the project when the key has none.</summary>
    public string? ProjectId { get; init; }

    /// <summary>Stored as given; agents are not managed here.</summary>
    public string? AgentId { get; init; }

    /// <summary>The key's organization: it must exist, and a non-admin must be a member of it.</summary>
    public string? OrganizationId { get; init; }

    public List<string>? Models { get; init; }

    /// <summary>What the key has spent; only proxy admins may set it (usually to reset it to 0).</summary>
    public double? Spend { get; init; }

    public double? MaxBudget { get; init; }

    /// <summary>Alerts before <c>max_budget</c>; kept in the key's budget row (<c>litellm_budget_table</c>).</summary>
    public double? SoftBudget { get; init; }

    /// <summary>Links an existing budget row instead of the key's own.</summary>
    public string? BudgetId { get; init; }

    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }

    /// <summary>Lifetime from now, e.g. <c>30d</c>; <c>-1</c> removes the expiry.</summary>
    public string? Duration { get; init; }

    /// <summary>Merged into the stored metadata; a null value removes that key.</summary>
    public JsonObject? Metadata { get; init; }

    public bool? Blocked { get; init; }

    /// <summary>Model alias → model name; replaces the stored map.</summary>
    public JsonObject? Aliases { get; init; }

    /// <summary>Replaces the stored map.</summary>
    public JsonObject? Config { get; init; }

    /// <summary>Replaces the stored map, e.g. <c>{"pii": false}</c>.</summary>
    public JsonObject? Permissions { get; init; }

    /// <summary>Per-model budgets: model name → amount or settings object; replaces the stored map.</summary>
    public JsonObject? ModelMaxBudget { get; init; }

    /// <summary>Router settings of the key, e.g. <c>{"fallbacks": [...]}</c>; replaces the stored ones.</summary>
    public JsonObject? RouterSettings { get; init; }

    public List<string>? AllowedCacheControls { get; init; }

    /// <summary>
    /// The routes the key may call: exact routes, <c>/prefix/*</c> patterns or LiteLLM's route groups
    /// (<c>info_routes</c>, <c>management_routes</c>, <c>llm_api_routes</c> …); empty means all its role may.
    /// </summary>
    public List<string>? AllowedRoutes { get; init; }

    /// <summary>Shorthand for <c>allowed_routes</c>.</summary>
    public KeyType? KeyType { get; init; }

    /// <summary>Stored as given; access groups are not managed here.</summary>
    public List<string>? AccessGroupIds { get; init; }

    public ObjectPermissionRequest? ObjectPermission { get; init; }

    /// <summary>Only <c>false</c>: there is no automatic rotation here (rotate with <c>/key/regenerate</c>).</summary>
    public bool? AutoRotate { get; init; }

    public string? RotationInterval { get; init; }

    /// <summary>Only <c>false</c>: ProxyAdmin sends no email.</summary>
    public bool? SendInviteEmail { get; init; }

    /// <summary>The routes <see cref="KeyType"/> stands for, as LiteLLM's <c>handle_key_type</c> sets them.</summary>
    public List<string>? EffectiveAllowedRoutes() => KeyType switch
    {
        Keys.KeyType.LlmApi => ["llm_api_routes"],
        Keys.KeyType.Management => ["management_routes"],
        Keys.KeyType.ReadOnly => ["info_routes"],
        _ => AllowedRoutes,
    };

    /// <summary>The snake_case names of the fields that were sent (not null), as <c>/key/update</c> echoes them.</summary>
    public IEnumerable<string> SentFields()
    {
        var fields = new (string Name, object? Value)[]
        {
            ("key_alias", KeyAlias), ("user_id", UserId), ("team_id", TeamId), ("project_id", ProjectId), ("agent_id", AgentId),
            ("organization_id", OrganizationId), ("models", Models), ("spend", Spend), ("max_budget", MaxBudget),
            ("soft_budget", SoftBudget), ("budget_id", BudgetId), ("tpm_limit", TpmLimit), ("rpm_limit", RpmLimit),
            ("max_parallel_requests", MaxParallelRequests), ("budget_duration", BudgetDuration), ("blocked", Blocked),
            ("aliases", Aliases), ("config", Config), ("permissions", Permissions), ("model_max_budget", ModelMaxBudget),
            ("router_settings", RouterSettings), ("allowed_cache_controls", AllowedCacheControls), ("allowed_routes", EffectiveAllowedRoutes()),
            ("access_group_ids", AccessGroupIds), ("object_permission", ObjectPermission), ("auto_rotate", AutoRotate),
            ("rotation_interval", RotationInterval), ("tags", Tags), ("guardrails", Guardrails), ("policies", Policies),
            ("prompts", Prompts), ("enforced_params", EnforcedParams), ("allowed_passthrough_routes", AllowedPassthroughRoutes),
            ("model_rpm_limit", ModelRpmLimit), ("model_tpm_limit", ModelTpmLimit), ("rpm_limit_type", RpmLimitType),
            ("tpm_limit_type", TpmLimitType), ("duration", Duration),
        };
        return fields.Where(field => field.Value is not null).Select(field => field.Name);
    }
}
