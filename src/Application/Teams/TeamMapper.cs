using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Teams.Commands.AddTeamMembers;
using ProxyAdmin.Application.Teams.Queries.GetTeamInfo;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Teams;
using Riok.Mapperly.Abstractions;

namespace ProxyAdmin.Application.Teams;

/// <summary>
/// Teams (and a team's keys) to responses, and requests to the settings a team takes. Every target member must be
/// mapped (<see cref="RequiredMappingStrategy.Target"/>), so a settings field that no request fills is a build
/// error, not a silently dropped value.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class TeamMapper
{
    [MapPropertyFromSource(nameof(TeamDto.Admins), Use = nameof(AdminIds))]
    [MapPropertyFromSource(nameof(TeamDto.Members), Use = nameof(MemberIds))]
    [MapProperty(nameof(Team.Members), nameof(TeamDto.MembersWithRoles))]
    [MapProperty(nameof(Team.TeamMemberBudget), nameof(TeamDto.TeamMemberBudgetTable))]
    [MapPropertyFromSource(nameof(TeamDto.TeamMemberBudget), Use = nameof(MemberMaxBudget))]
    [MapPropertyFromSource(nameof(TeamDto.TeamMemberBudgetDuration), Use = nameof(MemberBudgetDuration))]
    [MapPropertyFromSource(nameof(TeamDto.TeamMemberRpmLimit), Use = nameof(MemberRpmLimit))]
    [MapPropertyFromSource(nameof(TeamDto.TeamMemberTpmLimit), Use = nameof(MemberTpmLimit))]
    public static partial TeamDto ToDto(this Team source);

    public static partial TeamMemberDto ToDto(this TeamMember source);

    [MapPropertyFromSource(nameof(TeamDto.Admins), Use = nameof(AdminIds))]
    [MapPropertyFromSource(nameof(TeamDto.Members), Use = nameof(MemberIds))]
    [MapProperty(nameof(Team.Members), nameof(TeamDto.MembersWithRoles))]
    [MapProperty(nameof(Team.TeamMemberBudget), nameof(TeamDto.TeamMemberBudgetTable))]
    [MapPropertyFromSource(nameof(TeamDto.TeamMemberBudget), Use = nameof(MemberMaxBudget))]
    [MapPropertyFromSource(nameof(TeamDto.TeamMemberBudgetDuration), Use = nameof(MemberBudgetDuration))]
    [MapPropertyFromSource(nameof(TeamDto.TeamMemberRpmLimit), Use = nameof(MemberRpmLimit))]
    [MapPropertyFromSource(nameof(TeamDto.TeamMemberTpmLimit), Use = nameof(MemberTpmLimit))]
    public static partial TeamMembersAddedDto ToMembersAddedDto(
        this Team source, List<UserDto> updatedUsers, List<TeamMembershipDto> updatedTeamMemberships);

    /// <summary>A team's key as team readers see it: no hash, no secret.</summary>
    public static partial TeamKeyDto ToTeamKeyDto(this VirtualKey source);

    /// <param name="metadata">The metadata to store or merge: the request's, with its managed fields moved in.</param>
    [MapperIgnoreSource(nameof(TeamRequestFields.Metadata))]
    public static partial TeamSettings ToSettings(this TeamRequestFields source, JsonObject? metadata);

    private static ObjectPermissionDto? MapPermission(ObjectPermission? source) => source?.ToDto();

    private static BudgetDto? MapBudget(Budget? source) => source?.ToDto();

    private static double? MemberMaxBudget(Team team) => team.TeamMemberBudget?.MaxBudget;

    private static string? MemberBudgetDuration(Team team) => team.TeamMemberBudget?.BudgetDuration;

    private static long? MemberRpmLimit(Team team) => team.TeamMemberBudget?.RpmLimit;

    private static long? MemberTpmLimit(Team team) => team.TeamMemberBudget?.TpmLimit;

    private static List<string> AdminIds(Team team) =>
        team.Members.Where(m => m.Role == TeamRole.Admin).Select(m => m.UserId).ToList();

    private static List<string> MemberIds(Team team) =>
        team.Members.Where(m => m.Role == TeamRole.User).Select(m => m.UserId).ToList();
}
