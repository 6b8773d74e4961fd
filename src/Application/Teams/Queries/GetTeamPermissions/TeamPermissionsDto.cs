namespace ProxyAdmin.Application.Teams.Queries.GetTeamPermissions;

/// <summary>LiteLLM's <c>/team/permissions_list</c> shape (<c>GetTeamMemberPermissionsResponse</c>).</summary>
public sealed record TeamPermissionsDto
{
    public required string TeamId { get; init; }

    /// <summary>The team's list, or LiteLLM's default (<c>/key/info</c>, <c>/key/health</c>) when it names nothing.</summary>
    public required List<string> TeamMemberPermissions { get; init; }

    public required List<string> AllAvailablePermissions { get; init; }
}
