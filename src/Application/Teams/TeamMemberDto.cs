using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

public sealed record TeamMemberDto
{
    public required string UserId { get; init; }
    public required string? UserEmail { get; init; }
    public required TeamRole Role { get; init; }

    /// <summary>The membership's budget row (see <c>team_memberships</c>).</summary>
    public required string? BudgetId { get; init; }
}
