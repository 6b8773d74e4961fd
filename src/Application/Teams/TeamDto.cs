using System.Text.Json.Nodes;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Teams;
using Riok.Mapperly.Abstractions;

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

public sealed record TeamMemberDto
{
    public required string UserId { get; init; }
    public required string? UserEmail { get; init; }
    public required TeamRole Role { get; init; }
}

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class TeamMapper
{
    [MapPropertyFromSource(nameof(TeamDto.Admins), Use = nameof(AdminIds))]
    [MapPropertyFromSource(nameof(TeamDto.Members), Use = nameof(MemberIds))]
    [MapProperty(nameof(Team.Members), nameof(TeamDto.MembersWithRoles))]
    public static partial TeamDto ToDto(this Team source);

    public static partial TeamMemberDto ToDto(this TeamMember source);

    [MapPropertyFromSource(nameof(TeamDto.Admins), Use = nameof(AdminIds))]
    [MapPropertyFromSource(nameof(TeamDto.Members), Use = nameof(MemberIds))]
    [MapProperty(nameof(Team.Members), nameof(TeamDto.MembersWithRoles))]
    public static partial Commands.AddTeamMembers.TeamMembersAddedDto ToMembersAddedDto(
        this Team source, List<Users.UserDto> updatedUsers, List<TeamMembershipDto> updatedTeamMemberships);

    private static ObjectPermissionDto? MapPermission(Domain.Permissions.ObjectPermission? source) => source?.ToDto();

    private static List<string> AdminIds(Team team) =>
        team.Members.Where(m => m.Role == TeamRole.Admin).Select(m => m.UserId).ToList();

    private static List<string> MemberIds(Team team) =>
        team.Members.Where(m => m.Role == TeamRole.User).Select(m => m.UserId).ToList();
}

/// <summary>One membership as <c>team_memberships</c> lists it.</summary>
public sealed record TeamMembershipDto
{
    public required string TeamId { get; init; }
    public required string UserId { get; init; }
    public required string? UserEmail { get; init; }
    public required TeamRole Role { get; init; }

    public static TeamMembershipDto From(string teamId, TeamMember member) =>
        new() { TeamId = teamId, UserId = member.UserId, UserEmail = member.UserEmail, Role = member.Role };
}
