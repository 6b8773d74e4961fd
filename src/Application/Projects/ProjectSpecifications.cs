using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Projects;

/// <summary>
/// Projects for list routes with budget row and object permission, oldest first (creation time, then id: a total
/// order). <c>teamIds</c>, when given, restricts to those teams (the caller's, for non-admins); <c>after</c>, the sort
/// key of the last row of the previous page, starts after it, as a range on the (created_at, project_id) index.
/// </summary>
public sealed class ProjectsMatching : Specification<Project>
{
    public ProjectsMatching(IReadOnlyCollection<string>? teamIds, string? aliasSearch, PageWindow? window = null, (DateTime CreatedAt, string ProjectId)? after = null)
    {
        if (teamIds is not null)
        {
            Query.Where(p => teamIds.Contains(p.TeamId));
        }

        if (!string.IsNullOrEmpty(aliasSearch))
        {
            Query.Where(p => p.ProjectAlias != null && p.ProjectAlias.Contains(aliasSearch));
        }

        if (after is { } position)
        {
            var (createdAt, projectId) = position;
            // The ">=" bound is what the index seeks to; the rest drops the rows at that instant up to the last one shown.
            Query.Where(p => p.CreatedAt >= createdAt && (p.CreatedAt > createdAt || string.Compare(p.ProjectId, projectId) > 0));
        }

        Query.Include(p => p.Budget);
        Query.Include(p => p.ObjectPermission);
        Query.OrderBy(p => p.CreatedAt).ThenBy(p => p.ProjectId);
        if (window is { } w)
        {
            Query.Window(w);
        }
    }
}
