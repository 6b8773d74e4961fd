using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.Teams;

/// <summary>One entry of a team's <c>members_with_roles</c>: always a user id, with the email it had when added.</summary>
public sealed class TeamMember
{
    private TeamMember()
    {
    }

    /// <exception cref="DomainRuleException">The id is reserved (<see cref="ReservedUserIds"/>): it can never be a member.</exception>
    public TeamMember(string userId, string? userEmail, TeamRole role)
    {
        if (ReservedUserIds.IsReserved(userId))
        {
            throw new DomainRuleException("user_id", ReservedUserIds.Refusal(userId, "user_id"));
        }

        UserId = userId;
        UserEmail = userEmail;
        Role = role;
    }

    public string UserId { get; private set; } = null!;
    public string? UserEmail { get; private set; }
    public TeamRole Role { get; internal set; }

    /// <summary>
    /// The budget row of this membership (LiteLLM's <c>LiteLLM_TeamMembership.budget_id</c>): the member's own, or the
    /// team's member budget shared by every member without one.
    /// </summary>
    public string? BudgetId { get; internal set; }

    /// <summary>What the member has spent in the team; written by spend tracking, never by a request.</summary>
    public double Spend { get; private set; }
}
