using System.Text.Json.Nodes;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Teams.Commands.AddTeamMembers;
using ProxyAdmin.Application.Teams.Commands.CreateTeam;
using ProxyAdmin.Application.Teams.Commands.UpdateTeam;
using ProxyAdmin.Application.Teams.Queries.GetTeamInfo;
using ProxyAdmin.Application.Users;
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
    public static partial TeamDto ToDto(this Team source);

    public static partial TeamMemberDto ToDto(this TeamMember source);

    [MapPropertyFromSource(nameof(TeamDto.Admins), Use = nameof(AdminIds))]
    [MapPropertyFromSource(nameof(TeamDto.Members), Use = nameof(MemberIds))]
    [MapProperty(nameof(Team.Members), nameof(TeamDto.MembersWithRoles))]
    public static partial TeamMembersAddedDto ToMembersAddedDto(
        this Team source, List<UserDto> updatedUsers, List<TeamMembershipDto> updatedTeamMemberships);

    /// <summary>A team's key as team readers see it: no hash, no secret.</summary>
    public static partial TeamKeyDto ToTeamKeyDto(this VirtualKey source);

    /// <param name="metadata">The metadata to store: the request's, with its managed fields moved in.</param>
    [MapperIgnoreSource(nameof(CreateTeamCommand.Metadata))]
    public static partial TeamSettings ToSettings(this CreateTeamCommand source, JsonObject? metadata);

    /// <param name="metadata">The metadata to merge: the request's, with its managed fields moved in.</param>
    [MapperIgnoreSource(nameof(UpdateTeamCommand.Metadata))]
    public static partial TeamSettings ToSettings(this UpdateTeamCommand source, JsonObject? metadata);

    private static ObjectPermissionDto? MapPermission(ObjectPermission? source) => source?.ToDto();

    private static List<string> AdminIds(Team team) =>
        team.Members.Where(m => m.Role == TeamRole.Admin).Select(m => m.UserId).ToList();

    private static List<string> MemberIds(Team team) =>
        team.Members.Where(m => m.Role == TeamRole.User).Select(m => m.UserId).ToList();
}
