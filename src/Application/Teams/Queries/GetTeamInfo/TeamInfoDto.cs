namespace ProxyAdmin.Application.Teams.Queries.GetTeamInfo;

/// <summary>LiteLLM's <c>/team/info</c> shape.</summary>
public sealed record TeamInfoDto
{
    public required string TeamId { get; init; }
    public required TeamDto TeamInfo { get; init; }
    public required List<TeamKeyDto> Keys { get; init; }
    public required List<TeamMembershipDto> TeamMemberships { get; init; }
}
