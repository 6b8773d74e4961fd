using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// The DB deployments a scope allows, optionally of one team and matching a search, oldest first (then by id);
/// <c>after</c> starts after that (created_at, model_id), as a range on the index.
/// </summary>
public sealed class VisibleModels : Specification<ModelDeployment>
{
    public VisibleModels(ModelScope scope, string? teamId, string? search, PageWindow? window = null, (DateTime CreatedAt, string ModelId)? after = null)
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

        if (after is { } position)
        {
            var (createdAt, modelId) = position;
            Query.Where(m => m.CreatedAt >= createdAt && (m.CreatedAt > createdAt || string.Compare(m.ModelId, modelId) > 0));
        }

        Query.OrderBy(m => m.CreatedAt).ThenBy(m => m.ModelId);
        if (window is { } w)
        {
            Query.Window(w);
        }
    }
}

/// <summary>Every DB deployment that is not a team model, for the names a restricted caller may use (<see cref="ModelVisibility"/>).</summary>
public sealed class NonTeamModels : Specification<ModelDeployment>
{
    public NonTeamModels() => Query.Where(m => m.TeamId == null).AsNoTracking();
}
