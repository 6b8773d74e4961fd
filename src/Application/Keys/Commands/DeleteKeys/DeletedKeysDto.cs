namespace ProxyAdmin.Application.Keys.Commands.DeleteKeys;

public sealed record DeletedKeysDto
{
    /// <summary>The keys and aliases as they were sent.</summary>
    public required List<string> DeletedKeys { get; init; }
}
