using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>The DB deployments a scope allows, optionally of one team and matching a search, oldest first.</summary>
public sealed class VisibleModels : Specification<ModelDeployment>
{
    public VisibleModels(ModelScope scope, string? teamId, string? search, (int Skip, int Take)? window = null)
    {
        if (!scope.Everything)
        {
            var teamIds = scope.TeamIds.ToList();
            if (scope.AllowedNames is { } names)
            {
                var allowedNames = names.ToList();
                Query.Where(m => (m.TeamId != null && teamIds.Contains(m.TeamId)) || (m.TeamId == null && allowedNames.Contains(m.ModelName)));
            }
            else
            {
                Query.Where(m => m.TeamId == null || teamIds.Contains(m.TeamId));
            }
        }

        if (teamId is not null)
        {
            Query.Where(m => m.TeamId == teamId);
        }

        if (!string.IsNullOrEmpty(search))
        {
            Query.Where(m => m.ModelName.Contains(search) || (m.TeamPublicModelName != null && m.TeamPublicModelName.Contains(search)));
        }

        Query.OrderBy(m => m.CreatedAt).ThenBy(m => m.ModelId);
        if (window is { } w)
        {
            Query.Skip(w.Skip).Take(w.Take);
        }
    }
}
