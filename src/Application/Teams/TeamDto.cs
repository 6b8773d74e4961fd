using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Permissions;

namespace ProxyAdmin.Application.Teams;

/// <summary>
/// A team as every route returns it (LiteLLM's <c>LiteLLM_TeamTable</c>); <c>admins</c> and <c>members</c> are derived
/// from <c>members_with_roles</c>. The request fields LiteLLM keeps inside <c>metadata</c> (<c>tags</c>,
/// <c>guardrails</c> …) are there, and are also shown under their own names, as are the member budget's fields.
/// </summary>
public record TeamDto
{
    public required string TeamId { get; init; }
    public required string? TeamAlias { get; init; }
    public required string? OrganizationId { get; init; }

    /// <summary>User ids of the team's admins (derived).</summary>
    public required List<string> Admins { get; init; }

    /// <summary>User ids of the team's non-admin members (derived).</summary>
    public required List<string> Members { get; init; }

    public required List<TeamMemberDto> MembersWithRoles { get; init; }
    public required List<string> Models { get; init; }
    public required double? MaxBudget { get; init; }
    public required double? SoftBudget { get; init; }
    public required double Spend { get; init; }
    public required long? TpmLimit { get; init; }
    public required long? RpmLimit { get; init; }
    public required int? MaxParallelRequests { get; init; }
    public required string? BudgetDuration { get; init; }
    public required DateTime? BudgetResetAt { get; init; }
    public required Dictionary<string, string> ModelAliases { get; init; }
    public required JsonObject Metadata { get; init; }
    public required bool Blocked { get; init; }
    public required List<string> TeamMemberPermissions { get; init; }
    public required JsonObject RouterSettings { get; init; }
    public required List<string> AccessGroupIds { get; init; }
    public required JsonObject ModelSpend { get; init; }
    public required JsonObject ModelMaxBudget { get; init; }

    /// <summary>The budget row of members without one of their own.</summary>
    public required BudgetDto? TeamMemberBudgetTable { get; init; }

    /// <summary><c>team_member_budget_table.max_budget</c>.</summary>
    public required double? TeamMemberBudget { get; init; }

    /// <summary><c>team_member_budget_table.budget_duration</c>.</summary>
    public required string? TeamMemberBudgetDuration { get; init; }

    /// <summary><c>team_member_budget_table.rpm_limit</c>.</summary>
    public required long? TeamMemberRpmLimit { get; init; }

    /// <summary><c>team_member_budget_table.tpm_limit</c>.</summary>
    public required long? TeamMemberTpmLimit { get; init; }

    public required string? ObjectPermissionId { get; init; }
    public required ObjectPermissionDto? ObjectPermission { get; init; }
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
