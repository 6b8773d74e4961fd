using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Projects.Queries;

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
            Where(p => teamIds.Contains(p.TeamId));
        }

        if (!string.IsNullOrEmpty(aliasSearch))
        {
            Where(p => p.ProjectAlias != null && p.ProjectAlias.Contains(aliasSearch));
        }

        Include(p => p.Budget);
        Include(p => p.ObjectPermission);
        OrderBy(p => p.CreatedAt);
        OrderBy(p => p.ProjectId);
        if (page is { } p)
        {
            Page(p.Page, p.PageSize);
        }
    }
}

/// <summary>Which teams' projects a caller may list.</summary>
public static class ProjectListScope
{
    /// <summary>
    /// Null means "every team" (admins and viewers without a filter). A non-admin filtering by a team it
    /// is not in gets a 404 for that team.
    /// </summary>
    public static async Task<IReadOnlyCollection<string>?> TeamFilterAsync(
        ICurrentCaller caller, Teams.ITeamRepository teams, string? requestedTeamId, CancellationToken cancellationToken)
    {
        if (caller.ReadsEverything())
        {
            return requestedTeamId is null ? null : [requestedTeamId];
        }

        var own = await teams.GetTeamIdsOfMemberAsync(caller.UserId, cancellationToken);
        if (requestedTeamId is null)
        {
            return own;
        }

        return own.Contains(requestedTeamId) ? [requestedTeamId] : throw ProjectErrors.TeamNotFound(requestedTeamId);
    }
}
