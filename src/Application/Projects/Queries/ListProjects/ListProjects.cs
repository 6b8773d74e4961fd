using System.Runtime.CompilerServices;
using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Projects.Queries.ListProjects;

/// <summary>
/// <c>GET /project/list</c>: LiteLLM's array of projects, streamed row by row rather than loaded whole.
/// Admins and viewers see every project; others the projects of their teams.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListProjectsQuery(string? TeamId) : IQuery<IAsyncEnumerable<ProjectDto>>;

public sealed class ListProjectsQueryHandler(IReadRepository reads, ProjectListScope scope)
    : IQueryHandler<ListProjectsQuery, IAsyncEnumerable<ProjectDto>>
{
    public async ValueTask<IAsyncEnumerable<ProjectDto>> Handle(ListProjectsQuery query, CancellationToken cancellationToken)
    {
        var teamIds = await scope.TeamFilterAsync(query.TeamId, cancellationToken);
        return ToDtos(reads.StreamAsync(new ProjectsMatching(teamIds, aliasSearch: null)), cancellationToken);
    }

    private static async IAsyncEnumerable<ProjectDto> ToDtos(IAsyncEnumerable<Project> projects, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var project in projects.WithCancellation(cancellationToken))
        {
            yield return project.ToDto();
        }
    }
}
