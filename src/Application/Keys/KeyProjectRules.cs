using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Application.Keys;

/// <summary>
/// A key may only reference a project of its own team (LiteLLM #41089): the key's team is taken from the
/// project when none is given, and a different one is refused.
/// </summary>
public static class KeyProjectRules
{
    /// <summary>The team the key must have for <paramref name="projectId"/>, given the team it would otherwise have.</summary>
    public static async Task<string> TeamForProjectAsync(
        this IProjectRepository projects,
        ITeamRepository teams,
        ICurrentCaller caller,
        string projectId,
        string? keyTeamId,
        CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(projectId, cancellationToken);
        if (project is null || !(caller.IsProxyAdmin() || caller.CanRead(await teams.GetAsync(project.TeamId, cancellationToken))))
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
}
