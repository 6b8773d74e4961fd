using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Teams.Queries.GetTeamInfo;

/// <summary>
/// <c>GET /team/info?team_id=</c>: the team, its keys (never their hashes) and its memberships. Visible to
/// admins, admin viewers and the team's members; to anyone else the team does not exist.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record GetTeamInfoQuery(string TeamId) : IQuery<TeamInfoDto>;

public sealed class GetTeamInfoQueryValidator : AbstractValidator<GetTeamInfoQuery>
{
    public GetTeamInfoQueryValidator() => RuleFor(q => q.TeamId).NotEmpty().WithMessage("Malformed request. No team id passed in.");
}

public sealed class GetTeamInfoQueryHandler(ITeamRepository teams, IBudgetRepository budgets, IReadRepository reads, ICurrentCaller caller, OrganizationStanding standing, EntityTags tags)
    : IQueryHandler<GetTeamInfoQuery, TeamInfoDto>
{
    /// <summary>The key list is bounded so one request can never pull a whole table.</summary>
    public const int MaxKeysShown = 1000;

    public async ValueTask<TeamInfoDto> Handle(GetTeamInfoQuery query, CancellationToken cancellationToken)
    {
        var loaded = await teams.GetAsync(query.TeamId, cancellationToken);
        var team = caller.EnsureVisible(loaded, query.TeamId, await standing.AdministersOrganizationOfAsync(loaded, cancellationToken));
        var keys = await reads.ListAsync(new KeysOfTeam(team.TeamId, MaxKeysShown), cancellationToken);
        var budgetIds = team.Members.Select(m => m.BudgetId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var memberBudgets = budgetIds.Count == 0 ? [] : await budgets.GetManyAsync(budgetIds, cancellationToken);
        tags.Answer(AuditTables.Teams, team.TeamId, team.Version);
        return new TeamInfoDto
        {
            TeamId = team.TeamId,
            TeamInfo = team.ToDto(),
            Keys = keys.ConvertAll(k => k.ToTeamKeyDto()),
            TeamMemberships = TeamMembershipDto.AllOf(team, memberBudgets),
        };
    }
}
