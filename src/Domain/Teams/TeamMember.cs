namespace ProxyAdmin.Domain.Teams;

/// <summary>One entry of a team's <c>members_with_roles</c>: always a user id, with the email it had when added.</summary>
public sealed class TeamMember
{
    private TeamMember()
    {
    }

    public TeamMember(string userId, string? userEmail, TeamRole role)
    {
        UserId = userId;
        UserEmail = userEmail;
        Role = role;
    }

    public string UserId { get; private set; } = null!;
    public string? UserEmail { get; private set; }
    public TeamRole Role { get; internal set; }
}
