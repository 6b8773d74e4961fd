using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Projects;

/// <summary>Loads and stages projects, with their budget row and object permission.</summary>
public interface IProjectRepository
{
    /// <summary>The project, tracked, with budget and object permission, or null.</summary>
    Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>
    /// The project with budget and object permission, untracked, for a query that only shows it, and whether
    /// <paramref name="userId"/> is a member of its team (<see cref="ProjectRead.UserIsMember"/>), in one round trip; or
    /// null. Runs on every <c>/project/info</c>: the membership is an EXISTS, the team is not loaded.
    /// </summary>
    Task<ProjectRead?> ReadAsync(string projectId, string? userId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="projectIds"/> that exist, tracked, with budget and object permission.</summary>
    Task<List<Project>> GetManyAsync(IReadOnlyCollection<string> projectIds, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="teamIds"/> that own at least one project.</summary>
    Task<List<string>> TeamsOwningProjectsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken);

    /// <summary>
    /// How many projects the teams hold together, from the per-team counts the database keeps in the transaction of
    /// every insert, delete and move of a project (<c>TeamProjectCounts</c>): exact, and read without a scan.
    /// </summary>
    Task<int> CountInTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken);

    void Add(Project project);

    /// <summary>Removes the project and its object permission row.</summary>
    void Remove(Project project);
}
