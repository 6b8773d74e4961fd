namespace ProxyAdmin.Application.Teams.Commands.DeleteTeams;

public sealed record DeletedTeamsDto
{
    public required List<string> DeletedTeams { get; init; }

    /// <summary>Hashes of the keys deleted with the teams.</summary>
    public required List<string> DeletedKeys { get; init; }
}
