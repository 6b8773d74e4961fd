using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>One membership as <c>team_memberships</c> lists it (LiteLLM's <c>LiteLLM_TeamMembership</c>), with the member's role.</summary>
public record TeamMembershipDto
{
    public required string TeamId { get; init; }
    public required string UserId { get; init; }
    public required string? UserEmail { get; init; }
    public required TeamRole Role { get; init; }

    /// <summary>The membership's budget row: the member's own, or the team's member budget.</summary>
    public required string? BudgetId { get; init; }

    public required double Spend { get; init; }
    public required BudgetDto? LitellmBudgetTable { get; init; }

    /// <param name="budget">The row <paramref name="member"/>'s <c>budget_id</c> names, when it has one.</param>
    public static TeamMembershipDto From(string teamId, TeamMember member, Budget? budget) =>
        new()
        {
            TeamId = teamId,
            UserId = member.UserId,
            UserEmail = member.UserEmail,
            Role = member.Role,
            BudgetId = member.BudgetId,
            Spend = member.Spend,
            LitellmBudgetTable = budget?.ToDto(),
        };

    /// <summary>Every membership of <paramref name="team"/>, each with its budget row out of <paramref name="budgets"/>.</summary>
    public static List<TeamMembershipDto> AllOf(Team team, IReadOnlyCollection<Budget> budgets) =>
        team.Members.Select(m => From(team.TeamId, m, budgets.FirstOrDefault(b => b.BudgetId == m.BudgetId))).ToList();
}
