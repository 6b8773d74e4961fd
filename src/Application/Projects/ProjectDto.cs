using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Permissions;

namespace ProxyAdmin.Application.Projects;

/// <summary>A project as every route returns it (LiteLLM's <c>LiteLLM_ProjectTable</c>), with its budget row and object permission.</summary>
public sealed record ProjectDto
{
    public required string ProjectId { get; init; }
    public required string? ProjectAlias { get; init; }
    public required string? Description { get; init; }
    public required string TeamId { get; init; }
    public required string? BudgetId { get; init; }
    public required JsonObject Metadata { get; init; }
    public required List<string> Models { get; init; }
    public required double Spend { get; init; }
    public required JsonObject ModelSpend { get; init; }
    public required bool Blocked { get; init; }
    public required string? ObjectPermissionId { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }

    public required BudgetDto? LitellmBudgetTable { get; init; }

    public required ObjectPermissionDto? ObjectPermission { get; init; }

    /// <summary>
    /// <c>metadata.model_rpm_limit</c>, where LiteLLM's request validator moves the field (its column of the same name
    /// stays empty; this shows the limits instead).
    /// </summary>
    public Dictionary<string, long> ModelRpmLimit => ManagedMetadataReader.Limits(Metadata, "model_rpm_limit") ?? [];

    /// <summary><c>metadata.model_tpm_limit</c> (see <see cref="ModelRpmLimit"/>).</summary>
    public Dictionary<string, long> ModelTpmLimit => ManagedMetadataReader.Limits(Metadata, "model_tpm_limit") ?? [];
}
