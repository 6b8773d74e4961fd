using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Application.Organizations;

/// <summary>
/// An organization as every route returns it (LiteLLM's <c>LiteLLM_OrganizationTableWithMembers</c>), with its budget
/// row and object permission. <c>members</c> and <c>teams</c> are filled by the reads (<c>/organization/info</c>,
/// <c>/organization/list</c>); writes and audit rows leave them empty, so an audit row follows the change, not the
/// organization's size (membership changes are audited as the change).
/// </summary>
public sealed record OrganizationDto
{
    public required string OrganizationId { get; init; }
    public required string OrganizationAlias { get; init; }
    public required string BudgetId { get; init; }
    public required double Spend { get; init; }
    public required JsonObject Metadata { get; init; }
    public required List<string> Models { get; init; }
    public required JsonObject ModelSpend { get; init; }
    public required string? ObjectPermissionId { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }
    public required BudgetDto? LitellmBudgetTable { get; init; }
    public required ObjectPermissionDto? ObjectPermission { get; init; }

    public required List<OrganizationMembershipDto> Members { get; init; }

    public required List<TeamDto> Teams { get; init; }
}
