using ProxyAdmin.Application.Users;

namespace ProxyAdmin.Application.Organizations.Commands.AddOrganizationMembers;

/// <summary>LiteLLM's <c>OrganizationAddMemberResponse</c>: the users added (created or existing) and their new memberships.</summary>
public sealed record OrganizationMembersAddedDto
{
    public required string OrganizationId { get; init; }
    public required List<UserDto> UpdatedUsers { get; init; }
    public required List<OrganizationMembershipDto> UpdatedOrganizationMemberships { get; init; }
}
