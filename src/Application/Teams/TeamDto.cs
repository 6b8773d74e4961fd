using System.Text.Json.Nodes;
using ProxyAdmin.Application.Permissions;

namespace ProxyAdmin.Application.Teams;

/// <summary>A team as every route returns it; <c>admins</c> and <c>members</c> are derived from <c>members_with_roles</c>.</summary>
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
    public required string? ObjectPermissionId { get; init; }
    public required ObjectPermissionDto? ObjectPermission { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }
}
