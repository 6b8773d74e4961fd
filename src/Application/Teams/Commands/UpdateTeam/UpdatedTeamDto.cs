namespace ProxyAdmin.Application.Teams.Commands.UpdateTeam;

/// <summary>LiteLLM's <c>/team/update</c> shape.</summary>
public sealed record UpdatedTeamDto
{
    public required string TeamId { get; init; }
    public required TeamDto Data { get; init; }
}
