using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Projects.Queries.GetProjectInfo;

/// <summary>
/// <c>GET /project/info?project_id=</c>: the project with its budget row and object permission. Visible to
/// admins, admin viewers, members of the project's team and <c>org_admin</c>s of its organization; to anyone else it
/// does not exist.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record GetProjectInfoQuery(string ProjectId) : IQuery<ProjectDto>;

public sealed class GetProjectInfoQueryValidator : AbstractValidator<GetProjectInfoQuery>
{
    public GetProjectInfoQueryValidator() => RuleFor(q => q.ProjectId).NotEmpty().WithMessage("'project_id' is required.");
}

public sealed class GetProjectInfoQueryHandler(IProjectRepository projects, ICurrentCaller caller, OrganizationStanding standing, EntityTags tags)
    : IQueryHandler<GetProjectInfoQuery, ProjectDto>
{
    public async ValueTask<ProjectDto> Handle(GetProjectInfoQuery query, CancellationToken cancellationToken)
    {
        // The project and whether the caller's user is a member of its team, in one read (not the team with all its
        // members): this runs on every request.
        var read = await projects.ReadAsync(query.ProjectId, caller.Principal.UserId, cancellationToken) ?? throw ProjectErrors.ProjectNotFound(query.ProjectId);
        if (!caller.ReadsEverything() && !ProjectAccess.CanRead(caller, read.Project.TeamId, read.UserIsMember)
            && !await standing.AdministersOrganizationOfTeamAsync(read.Project.TeamId, cancellationToken))
        {
            throw ProjectErrors.ProjectNotFound(query.ProjectId);
        }

        tags.Answer(AuditTables.Projects, read.Project.ProjectId, read.Project.Version);
        return read.Project.ToDto();
    }
}
