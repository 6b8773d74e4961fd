namespace ProxyAdmin.Application.Users.Commands.UpdateUser;

/// <summary>LiteLLM's <c>/user/update</c> shape (<c>PrismaClient.update_data</c> for the user table): the id and the row.</summary>
public sealed record UpdatedUserDto
{
    public required string UserId { get; init; }
    public required UserDto Data { get; init; }
}
