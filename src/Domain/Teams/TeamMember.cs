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
}
