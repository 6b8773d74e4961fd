namespace ProxyAdmin.Application.Models;

/// <summary>
/// One level that bounds which models a key may use: its name on the wire (<see cref="Key"/>, <see cref="Team"/>,
/// <see cref="Project"/>, <see cref="Organization"/>, <see cref="User"/>), the row's id, its <c>models</c> as they
/// apply (a key's <c>all-team-models</c> already replaced by its team's), and the team's aliases where they apply.
/// </summary>
public sealed record ModelAccessLevel(string Level, string Id, IReadOnlyList<string> Models, IReadOnlyDictionary<string, string>? Aliases = null)
{
    public const string Key = "key";
    public const string Team = "team";
    public const string Project = "project";
    public const string Organization = "organization";
    public const string User = "user";
}
