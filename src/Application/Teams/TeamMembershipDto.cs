using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>One membership as <c>team_memberships</c> lists it.</summary>
public sealed record TeamMembershipDto
{
    public required string TeamId { get; init; }
    public required string UserId { get; init; }
    public required string? UserEmail { get; init; }
    public required TeamRole Role { get; init; }

    public static TeamMembershipDto From(string teamId, TeamMember member) =>
        new() { TeamId = teamId, UserId = member.UserId, UserEmail = member.UserEmail, Role = member.Role };
}
