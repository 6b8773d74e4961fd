using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Projects;

/// <summary>
/// Projects for list routes with budget row and object permission, oldest first. <c>teamIds</c>, when
/// given, restricts to those teams (the caller's, for non-admins).
/// </summary>
public sealed class ProjectsMatching : Specification<Project>
{
    public ProjectsMatching(IReadOnlyCollection<string>? teamIds, string? aliasSearch, (int Page, int PageSize)? page = null)
    {
        if (teamIds is not null)
        {
            Query.Where(p => teamIds.Contains(p.TeamId));
        }

        if (!string.IsNullOrEmpty(aliasSearch))
        {
            Query.Where(p => p.ProjectAlias != null && p.ProjectAlias.Contains(aliasSearch));
        }

        Query.Include(p => p.Budget);
        Query.Include(p => p.ObjectPermission);
        Query.OrderBy(p => p.CreatedAt).ThenBy(p => p.ProjectId);
        if (page is { } p)
        {
            Query.Page(p.Page, p.PageSize);
        }
    }
}
