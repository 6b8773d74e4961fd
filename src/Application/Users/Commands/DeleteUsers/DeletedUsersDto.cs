namespace ProxyAdmin.Application.Users.Commands.DeleteUsers;

public sealed record DeletedUsersDto
{
    public required List<string> DeletedUsers { get; init; }

    /// <summary>Hashes of the keys deleted with the users.</summary>
    public required List<string> DeletedKeys { get; init; }
}
