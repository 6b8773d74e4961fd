using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Permissions;

namespace ProxyAdmin.Application.Keys;

/// <summary>
/// A virtual key as routes return it (LiteLLM's <c>LiteLLM_VerificationToken</c>): the hash and display name, never
/// the secret. The request fields LiteLLM keeps inside <c>metadata</c> (<c>tags</c>, <c>guardrails</c> …) are there,
/// and are also shown under their own names.
/// </summary>
public record KeyDto
{
    /// <summary>SHA-256 hex of the secret; accepted wherever a route asks for a key.</summary>
    public required string Token { get; init; }

    /// <summary>Abbreviated display form, e.g. <c>sk-...abcd</c>.</summary>
    public required string KeyName { get; init; }

    public required string? KeyAlias { get; init; }
    public required string? UserId { get; init; }
    public required string? TeamId { get; init; }
    public required string? ProjectId { get; init; }
    public required string? AgentId { get; init; }

    /// <summary>Stored as given; organizations are not managed here yet.</summary>
    public required string? OrganizationId { get; init; }

    public required List<string> Models { get; init; }
    public required double? MaxBudget { get; init; }

    /// <summary>The soft budget of the key's budget row (<c>litellm_budget_table</c>).</summary>
    public required double? SoftBudget { get; init; }

    public required double Spend { get; init; }
    public required long? TpmLimit { get; init; }
    public required long? RpmLimit { get; init; }
    public required int? MaxParallelRequests { get; init; }
    public required string? BudgetDuration { get; init; }
    public required DateTime? BudgetResetAt { get; init; }
    public required DateTime? Expires { get; init; }
    public required JsonObject Metadata { get; init; }
    public required bool Blocked { get; init; }

    /// <summary>Model alias → model name.</summary>
    public required JsonObject Aliases { get; init; }

    public required JsonObject Config { get; init; }
    public required JsonObject Permissions { get; init; }

    /// <summary>Per-model budgets: model name → amount or settings object.</summary>
    public required JsonObject ModelMaxBudget { get; init; }

    public required JsonObject ModelSpend { get; init; }
    public required JsonObject RouterSettings { get; init; }
    public required List<string> AllowedCacheControls { get; init; }
    public required List<string> AllowedRoutes { get; init; }
    public required List<string> AccessGroupIds { get; init; }
    public required bool SoftBudgetCooldown { get; init; }
    public required bool AutoRotate { get; init; }
    public required string? RotationInterval { get; init; }
    public required DateTime? KeyRotationAt { get; init; }
    public required DateTime? LastActive { get; init; }
    public required string? BudgetId { get; init; }
    public required BudgetDto? LitellmBudgetTable { get; init; }
    public required string? ObjectPermissionId { get; init; }
    public required ObjectPermissionDto? ObjectPermission { get; init; }
    public required int RotationCount { get; init; }
    public required DateTime? LastRotationAt { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }

    /// <summary><c>metadata.tags</c>.</summary>
    public List<string>? Tags => ManagedMetadataReader.Strings(Metadata, "tags");

    /// <summary><c>metadata.guardrails</c>.</summary>
    public List<string>? Guardrails => ManagedMetadataReader.Strings(Metadata, "guardrails");

    /// <summary><c>metadata.policies</c>.</summary>
    public List<string>? Policies => ManagedMetadataReader.Strings(Metadata, "policies");

    /// <summary><c>metadata.prompts</c>.</summary>
    public List<string>? Prompts => ManagedMetadataReader.Strings(Metadata, "prompts");

    /// <summary><c>metadata.enforced_params</c>.</summary>
    public List<string>? EnforcedParams => ManagedMetadataReader.Strings(Metadata, "enforced_params");

    /// <summary><c>metadata.allowed_passthrough_routes</c>.</summary>
    public List<string>? AllowedPassthroughRoutes => ManagedMetadataReader.Strings(Metadata, "allowed_passthrough_routes");

    /// <summary><c>metadata.model_rpm_limit</c>.</summary>
    public Dictionary<string, long>? ModelRpmLimit => ManagedMetadataReader.Limits(Metadata, "model_rpm_limit");

    /// <summary><c>metadata.model_tpm_limit</c>.</summary>
    public Dictionary<string, long>? ModelTpmLimit => ManagedMetadataReader.Limits(Metadata, "model_tpm_limit");

    /// <summary><c>metadata.rpm_limit_type</c>.</summary>
    public string? RpmLimitType => ManagedMetadataReader.Text(Metadata, "rpm_limit_type");

    /// <summary><c>metadata.tpm_limit_type</c>.</summary>
    public string? TpmLimitType => ManagedMetadataReader.Text(Metadata, "tpm_limit_type");
}
