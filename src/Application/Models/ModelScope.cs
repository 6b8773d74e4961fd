namespace ProxyAdmin.Application.Models;

/// <summary>
/// The deployments one caller may see, as <see cref="ModelVisibility"/> worked it out: everything, or the team
/// models of some teams plus the non-team models some names allow.
/// </summary>
/// <param name="AllowedNames">Null when every non-team model is allowed.</param>
public sealed record ModelScope(bool Everything, IReadOnlySet<string> TeamIds, IReadOnlySet<string>? AllowedNames)
{
    public static readonly ModelScope All = new(true, new HashSet<string>(), null);

    public bool Allows(string? teamId, string modelName) =>
        Everything || (teamId is not null ? TeamIds.Contains(teamId) : AllowedNames is null || AllowedNames.Contains(modelName));
}
