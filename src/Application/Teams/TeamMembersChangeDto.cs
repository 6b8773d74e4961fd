namespace ProxyAdmin.Application.Teams;

/// <summary>
/// The audit snapshot of a membership change (<c>/team/member_add</c>, <c>/team/member_update</c>,
/// <c>/team/member_delete</c>): only the memberships the change touched, so an audit row's size follows the change,
/// not the team. <c>before_value</c> holds them as they were and <c>updated_values</c> as they are: an added member is
/// absent from the first, a removed one from the second, and comparing the two gives exactly the change.
/// </summary>
public sealed record TeamMembersChangeDto
{
    public required string TeamId { get; init; }

    public required List<TeamMembershipDto> TeamMemberships { get; init; }

    public static TeamMembersChangeDto Of(string teamId, IEnumerable<TeamMembershipDto> memberships) =>
        new() { TeamId = teamId, TeamMemberships = [.. memberships] };
}
