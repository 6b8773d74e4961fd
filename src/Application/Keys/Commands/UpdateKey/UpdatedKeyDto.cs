using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Responses;
using ProxyAdmin.Application.Permissions;

namespace ProxyAdmin.Application.Keys.Commands.UpdateKey;

/// <summary>
/// LiteLLM's <c>/key/update</c> answer: <c>key</c>, <c>token</c> and <c>metadata</c>, and of the other fields only the
/// ones the request updated (with what it changed along with them: <c>duration</c> → <c>expires</c>,
/// <c>budget_duration</c> → <c>budget_reset_at</c> …), each with its stored value. <c>key</c> names the key as the
/// request did, a secret shortened to its last four characters.
/// </summary>
public sealed record UpdatedKeyDto : IPartialResponse
{
    /// <summary>The key as the request named it: a hash as sent, a secret as <c>sk-...abcd</c>.</summary>
    public required string Key { get; init; }

    public required string Token { get; init; }
    public required JsonObject Metadata { get; init; }
    public string? KeyName { get; init; }
    public string? KeyAlias { get; init; }
    public string? UserId { get; init; }
    public string? TeamId { get; init; }
    public string? ProjectId { get; init; }
    public string? AgentId { get; init; }
    public string? OrganizationId { get; init; }
    public List<string>? Models { get; init; }
    public double? MaxBudget { get; init; }
    public double? SoftBudget { get; init; }
    public double? Spend { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }
    public DateTime? BudgetResetAt { get; init; }
    public DateTime? Expires { get; init; }
    public bool? Blocked { get; init; }
    public JsonObject? Aliases { get; init; }
    public JsonObject? Config { get; init; }
    public JsonObject? Permissions { get; init; }
    public JsonObject? ModelMaxBudget { get; init; }
    public JsonObject? ModelSpend { get; init; }
    public JsonObject? RouterSettings { get; init; }
    public List<string>? AllowedCacheControls { get; init; }
    public List<string>? AllowedRoutes { get; init; }
    public List<string>? AccessGroupIds { get; init; }
    public bool? SoftBudgetCooldown { get; init; }
    public bool? AutoRotate { get; init; }
    public string? RotationInterval { get; init; }
    public DateTime? KeyRotationAt { get; init; }
    public DateTime? LastActive { get; init; }
    public string? BudgetId { get; init; }
    public BudgetDto? LitellmBudgetTable { get; init; }
    public string? ObjectPermissionId { get; init; }
    public ObjectPermissionDto? ObjectPermission { get; init; }
    public int? RotationCount { get; init; }
    public DateTime? LastRotationAt { get; init; }
    public DateTime? CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }
    public List<string>? Tags { get; init; }
    public List<string>? Guardrails { get; init; }
    public List<string>? Policies { get; init; }
    public List<string>? Prompts { get; init; }
    public List<string>? EnforcedParams { get; init; }
    public List<string>? AllowedPassthroughRoutes { get; init; }
    public Dictionary<string, long>? ModelRpmLimit { get; init; }
    public Dictionary<string, long>? ModelTpmLimit { get; init; }
    public string? RpmLimitType { get; init; }
    public string? TpmLimitType { get; init; }

    /// <summary>The snake_case names of the fields this answer carries besides <c>key</c>, <c>token</c> and <c>metadata</c>.</summary>
    private HashSet<string> _includedFields = [];

    /// <summary>This answer, carrying <paramref name="fields"/> besides <c>key</c>, <c>token</c> and <c>metadata</c>.</summary>
    public UpdatedKeyDto Including(HashSet<string> fields)
    {
        var answer = this with { };
        answer._includedFields = fields;
        return answer;
    }

    /// <summary>The fields an update of <paramref name="sent"/> answers with: those, and what they changed along with them.</summary>
    public static HashSet<string> FieldsFor(IEnumerable<string> sent)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in sent)
        {
            fields.Add(name);
            string[] alongWith = name switch
            {
                "duration" => ["expires"],
                "budget_duration" => ["budget_reset_at"],
                "soft_budget" or "budget_id" => ["soft_budget", "budget_id", "litellm_budget_table"],
                "object_permission" => ["object_permission_id"],
                "project_id" => ["team_id"],
                _ => [],
            };
            fields.UnionWith(alongWith);
        }

        return fields;
    }

    public bool Includes(string wireName) => wireName is "key" or "token" or "metadata" || _includedFields.Contains(wireName);
}
