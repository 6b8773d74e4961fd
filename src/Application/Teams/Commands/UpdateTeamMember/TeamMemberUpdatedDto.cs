using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Commands.UpdateTeamMember;

/// <summary>
/// LiteLLM's <c>/team/member_update</c> answer (<c>TeamMemberUpdateResponse</c>: the member's limits in the team) and
/// the membership itself.
/// </summary>
public sealed record TeamMemberUpdatedDto : TeamMembershipDto
{
    public required double? MaxBudgetInTeam { get; init; }
    public required long? TpmLimit { get; init; }
    public required long? RpmLimit { get; init; }

    public static TeamMemberUpdatedDto Of(string teamId, TeamMember member, Budget? budget) =>
        new()
        {
            TeamId = teamId,
            UserId = member.UserId,
            UserEmail = member.UserEmail,
            Role = member.Role,
            BudgetId = member.BudgetId,
            Spend = member.Spend,
            LitellmBudgetTable = budget?.ToDto(),
            MaxBudgetInTeam = budget?.MaxBudget,
            TpmLimit = budget?.TpmLimit,
            RpmLimit = budget?.RpmLimit,
        };
}
