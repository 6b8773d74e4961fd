using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// Keeps a team's <c>models</c> and <c>model_aliases</c> in step with its deployments: a team model's
/// public name is listed once and aliased to a deployment serving it; when a deployment goes, the name
/// and alias go only if no sibling still serves the name (else the alias moves to the sibling).
/// </summary>
public sealed class TeamModelLinks(IModelRepository models)
{
    public static void Link(Team team, ModelDeployment model, AuditStamp stamp)
    {
        team.AddModels([model.PublicName], stamp);
        team.SetModelAlias(model.PublicName, model.ModelName, stamp);
    }

    public async Task UnlinkAsync(Team team, ModelDeployment model, string publicName, string internalName, AuditStamp stamp, CancellationToken cancellationToken)
    {
        var siblings = await models.GetTeamSiblingsAsync(team.TeamId, publicName, model.ModelId, cancellationToken);
        if (siblings.Count == 0)
        {
            team.RemoveModels([publicName], stamp);
            team.SetModelAlias(publicName, null, stamp);
        }
        else if (!team.ModelAliases.TryGetValue(publicName, out var aliased) || aliased == internalName)
        {
            team.SetModelAlias(publicName, siblings[0].ModelName, stamp);
        }
    }
}
