using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// A key and the rows above it, each of which may narrow the models it uses: its team, its project, its organization
/// (the key's own, else its team's) and its user. <see cref="Levels"/> are their model lists in the order they are
/// checked, and <see cref="Judge"/> applies <see cref="ModelAllowList"/> to each: the one rule every check uses.
/// </summary>
public sealed class KeyAccessChain
{
    public KeyAccessChain(VirtualKey? key, Team? team, Project? project, Organization? organization, User? user)
    {
        Key = key;
        Team = team;
        Project = project;
        Organization = organization;
        User = user;

        var levels = new List<ModelAccessLevel>();
        if (key is not null)
        {
            levels.Add(new ModelAccessLevel(ModelAccessLevel.Key, key.Token, KeyModels(key, team), team?.ModelAliases));
        }

        if (team is not null)
        {
            levels.Add(new ModelAccessLevel(ModelAccessLevel.Team, team.TeamId, team.Models, team.ModelAliases));
        }

        if (project is not null)
        {
            levels.Add(new ModelAccessLevel(ModelAccessLevel.Project, project.ProjectId, project.Models));
        }

        if (organization is not null)
        {
            levels.Add(new ModelAccessLevel(ModelAccessLevel.Organization, organization.OrganizationId, organization.Models));
        }

        if (user is not null)
        {
            levels.Add(new ModelAccessLevel(ModelAccessLevel.User, user.UserId, user.Models));
        }

        Levels = levels;
    }

    public VirtualKey? Key { get; }

    public Team? Team { get; }

    public Project? Project { get; }

    public Organization? Organization { get; }

    public User? User { get; }

    public IReadOnlyList<ModelAccessLevel> Levels { get; }

    /// <summary>True when no level restricts: every non-team model is allowed.</summary>
    public bool RestrictsNothing => Levels.All(level => level.Models.Count == 0);

    /// <summary>What each level says of <paramref name="model"/>, in the order they are checked.</summary>
    /// <param name="accessGroups">The access groups of the deployments named <paramref name="model"/>.</param>
    public IEnumerable<(ModelAccessLevel Level, ModelAllowance Allowance)> Judge(string model, IReadOnlyCollection<string> accessGroups) =>
        Levels.Select(level => (level, ModelAllowList.Decide(level.Models, model, accessGroups, level.Aliases)));

    /// <summary>True when every level allows <paramref name="model"/>.</summary>
    public bool Allows(string model, IReadOnlyCollection<string> accessGroups)
    {
        // A loop: ModelVisibility asks this of every non-team name on every read of a restricted caller.
        foreach (var level in Levels)
        {
            if (!ModelAllowList.Decide(level.Models, model, accessGroups, level.Aliases).Allowed)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A key's list as it applies: <c>all-team-models</c> stands for its team's list (LiteLLM's <c>get_key_models</c>);
    /// without a team the entry stays, and allows nothing, rather than becoming an empty list that allows everything.
    /// </summary>
    private static List<string> KeyModels(VirtualKey key, Team? team) =>
        team is not null && key.Models.Contains(SpecialValues.AllTeamModels) ? team.Models : key.Models;
}
