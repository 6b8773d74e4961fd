using ProxyAdmin.Domain.Keys;
using Riok.Mapperly.Abstractions;

namespace ProxyAdmin.Application.Teams.Queries.GetTeamInfo;

/// <summary>
/// <c>GET /team/info?team_id=</c>: the team, its keys (never their hashes) and its memberships. Visible to
/// admins, admin viewers and the team's members; to anyone else the team does not exist.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record GetTeamInfoQuery(string TeamId) : IQuery<TeamInfoDto>;

/// <summary>LiteLLM's <c>/team/info</c> shape.</summary>
public sealed record TeamInfoDto
{
    public required string TeamId { get; init; }
    public required TeamDto TeamInfo { get; init; }
    public required List<TeamKeyDto> Keys { get; init; }
    public required List<TeamMembershipDto> TeamMemberships { get; init; }
}

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

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class TeamKeyMapper
{
    public static partial TeamKeyDto ToTeamKeyDto(this VirtualKey source);
}

public sealed class GetTeamInfoQueryValidator : AbstractValidator<GetTeamInfoQuery>
{
    public GetTeamInfoQueryValidator() => RuleFor(q => q.TeamId).NotEmpty().WithMessage("Malformed request. No team id passed in.");
}

public sealed class GetTeamInfoQueryHandler(ITeamRepository teams, IReadRepository reads, ICurrentCaller caller)
    : IQueryHandler<GetTeamInfoQuery, TeamInfoDto>
{
    /// <summary>The key list is bounded so one request can never pull a whole table.</summary>
    public const int MaxKeysShown = 1000;

    public async ValueTask<TeamInfoDto> Handle(GetTeamInfoQuery query, CancellationToken cancellationToken)
    {
        var team = caller.EnsureVisible(await teams.GetAsync(query.TeamId, cancellationToken), query.TeamId);
        var keys = await reads.ListAsync(new KeysOfTeam(team.TeamId, MaxKeysShown), cancellationToken);
        return new TeamInfoDto
        {
            TeamId = team.TeamId,
            TeamInfo = team.ToDto(),
            Keys = keys.ConvertAll(k => k.ToTeamKeyDto()),
            TeamMemberships = team.Members.Select(m => TeamMembershipDto.From(team.TeamId, m)).ToList(),
        };
    }
}
