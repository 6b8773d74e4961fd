namespace ProxyAdmin.Application.Users.Commands.CreateUser;

/// <summary>The new user, and the first key's secret when one was issued (shown this once only).</summary>
public sealed record CreatedUserDto : UserDto
{
    public required string? Key { get; init; }
    public required string? KeyName { get; init; }
    public required string? TokenId { get; init; }
    public required DateTime? Expires { get; init; }
}
