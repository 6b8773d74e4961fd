using ProxyAdmin.Application.Users;

namespace ProxyAdmin.Application.Teams.Commands.AddTeamMembers;

/// <summary>The team after the change, the users that were created, and the new memberships (LiteLLM's shape).</summary>
public sealed record TeamMembersAddedDto : TeamDto
{
    public required List<UserDto> UpdatedUsers { get; init; }
    public required List<TeamMembershipDto> UpdatedTeamMemberships { get; init; }
}
