namespace ProxyAdmin.Application.Users.Commands.CreateUser;

/// <summary>The new user, the first key's secret when one was issued (shown this once only), and the team it joined.</summary>
public sealed record CreatedUserDto : UserDto
{
    public required string? Key { get; init; }
    public required string? KeyName { get; init; }
    public required string? TokenId { get; init; }
    public required DateTime? Expires { get; init; }

    /// <summary>The team the user joined (and its first key belongs to), when <c>team_id</c> was sent.</summary>
    public required string? TeamId { get; init; }
}
