namespace ProxyAdmin.Application.Teams.Queries.GetTeamInfo;

/// <summary>A team's key as team readers see it: no hash, no secret.</summary>
public sealed record TeamKeyDto
{
    public required string KeyName { get; init; }
    public required string? KeyAlias { get; init; }
    public required string? UserId { get; init; }
    public required string? TeamId { get; init; }
    public required List<string> Models { get; init; }
    public required double? MaxBudget { get; init; }
    public required double Spend { get; init; }
    public required long? TpmLimit { get; init; }
    public required long? RpmLimit { get; init; }
    public required DateTime? Expires { get; init; }
    public required bool Blocked { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}
