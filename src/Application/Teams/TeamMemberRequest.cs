using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>A member as requests name one: by user id or by email, with a role (default <c>user</c>).</summary>
public sealed record TeamMemberRequest
{
    public string? UserId { get; init; }
    public string? UserEmail { get; init; }
    public TeamRole? Role { get; init; }
}
