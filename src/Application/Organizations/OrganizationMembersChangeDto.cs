namespace ProxyAdmin.Application.Organizations;

/// <summary>
/// The audit snapshot of a membership change (<c>/organization/member_add</c>, <c>member_update</c>,
/// <c>member_delete</c>): only the memberships the change touched, so an audit row's size follows the change, not the
/// organization. An added member is absent from <c>before_value</c>, a removed one from <c>updated_values</c>.
/// </summary>
public sealed record OrganizationMembersChangeDto
{
    public required string OrganizationId { get; init; }

    public required List<OrganizationMembershipDto> Members { get; init; }

    public static OrganizationMembersChangeDto Of(string organizationId, IEnumerable<OrganizationMembershipDto> memberships) =>
        new() { OrganizationId = organizationId, Members = [.. memberships] };
}
