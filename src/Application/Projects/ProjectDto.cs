using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Permissions;

namespace ProxyAdmin.Application.Projects;

/// <summary>A project as every route returns it, with its budget row and object permission.</summary>
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
    public required bool Blocked { get; init; }
    public required string? ObjectPermissionId { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }

    public required BudgetDto? LitellmBudgetTable { get; init; }

    public required ObjectPermissionDto? ObjectPermission { get; init; }
}
