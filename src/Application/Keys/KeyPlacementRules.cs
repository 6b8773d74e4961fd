using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Application.Keys;

/// <summary>
/// Where a key may be placed, judged against what is stored. A key may only reference a project of its own team
/// (LiteLLM #41089): the key's team is taken from the project when none is given, and a different one is refused.
/// A key's team must exist, and a non-admin may only attach keys to teams it belongs to; likewise a key's organization
/// (LiteLLM's key-update check: only organizations the caller is a member of).
/// </summary>
public sealed class KeyPlacementRules(IProjectRepository projects, ITeamRepository teams, IOrganizationRepository organizations, ICurrentCaller caller)
{
    /// <summary>The team the key must have for <paramref name="projectId"/>, given the team it would otherwise have.</summary>
    public async Task<string> TeamForProjectAsync(string projectId, string? keyTeamId, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(projectId, cancellationToken);
        if (project is null || !ProjectAccess.CanRead(caller, await teams.GetAsync(project.TeamId, cancellationToken)))
        {
            throw ProjectErrors.ProjectNotFound(projectId);
        }

        if (keyTeamId is not null && keyTeamId != project.TeamId)
        {
            throw new BadRequestException(
                $"Key team '{keyTeamId}' does not match the team '{project.TeamId}' of project '{projectId}'. A key may only reference a project of its own team.",
                "project_id");
        }

        return project.TeamId;
    }

    /// <summary>Refuses a team that does not exist or that a non-admin caller is not a member of (404 either way).</summary>
    public async Task EnsureTeamUsableAsync(string? teamId, CancellationToken cancellationToken)
    {
        if (teamId is null)
        {
            return;
        }

        var team = await teams.GetAsync(teamId, cancellationToken);
        if (team is null || !(caller.IsProxyAdmin() || (caller.Principal.UserId is { } userId && team.IsMember(userId))))
        {
            throw TeamAccess.NotFound(teamId);
        }
    }

    /// <summary>
    /// Refuses an organization that does not exist (404 for proxy admins) or that a non-admin caller is not a member of
    /// (403 naming it, whether or not it exists).
    /// </summary>
    public async Task EnsureOrganizationUsableAsync(string? organizationId, CancellationToken cancellationToken)
    {
        if (organizationId is null)
        {
            return;
        }

        if (caller.IsProxyAdmin())
        {
            if (!await organizations.ExistsAsync(organizationId, cancellationToken))
            {
                throw OrganizationErrors.NotFound(organizationId);
            }

            return;
        }

        if (caller.Principal.UserId is not { } userId || await organizations.RoleOfAsync(organizationId, userId, cancellationToken) is null)
        {
            throw new ForbiddenAccessException(
                $"You can only place a key in an organization you are a member of. organization_id={organizationId}", "organization_id");
        }
    }
}
