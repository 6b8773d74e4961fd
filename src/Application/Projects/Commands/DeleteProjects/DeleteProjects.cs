using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Projects.Commands.DeleteProjects;

/// <summary>
/// <c>DELETE /project/delete</c> with body <c>{"project_ids": [...]}</c>: deletes projects in one
/// transaction. Proxy admins only, refused before anything is looked up (the seed's
/// <c>_check_user_permission_for_project(require_admin=True)</c>: "Only admins can delete projects"; team admins
/// too get 403). Every id is checked first (duplicates ignored): an unknown id is a 404, a project with keys a
/// 409, and then nothing is deleted. A budget row the project described goes with it unless something else still
/// links it; a row made on its own (<c>/budget/new</c>) stays.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only admins can delete projects")]
public sealed record DeleteProjectsCommand : ICommand<List<ProjectDto>>
{
    public required List<string> ProjectIds { get; init; }
}

public sealed class DeleteProjectsCommandValidator : AbstractValidator<DeleteProjectsCommand>
{
    public DeleteProjectsCommandValidator()
    {
        RuleFor(c => c.ProjectIds).NotEmpty().WithMessage("'project_ids' must list at least one project id.");
        RuleForEach(c => c.ProjectIds).NotEmpty().WithMessage("'project_ids' must not contain empty values.");
    }
}

public sealed class DeleteProjectsCommandHandler(
    IProjectRepository projects,
    IBudgetRepository budgets,
    IVirtualKeyRepository keys,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    EntityTags tags) : ICommandHandler<DeleteProjectsCommand, List<ProjectDto>>
{
    public async ValueTask<List<ProjectDto>> Handle(DeleteProjectsCommand command, CancellationToken cancellationToken)
    {
        var requested = command.ProjectIds.Distinct(StringComparer.Ordinal).ToList();
        var found = (await projects.GetManyAsync(requested, cancellationToken)).ToDictionary(p => p.ProjectId, StringComparer.Ordinal);
        if (requested.Find(id => !found.ContainsKey(id)) is { } missing)
        {
            throw new NotFoundException($"Project not found, project_id={missing}", "project_ids");
        }

        tags.EnsureCurrent(AuditTables.Projects, command.ProjectIds.ConvertAll(id => (id, found[id].Version)));

        foreach (var projectId in requested)
        {
            var keyCount = await keys.CountByProjectAsync(projectId, cancellationToken);
            if (keyCount > 0)
            {
                throw new ConflictException(
                    $"Cannot delete project {projectId}. {keyCount} key(s) are associated with it. Please delete or reassign the keys first.",
                    "project_ids");
            }
        }

        var deleted = new List<ProjectDto>();
        foreach (var projectId in requested)
        {
            var project = found[projectId];
            var snapshot = project.ToDto();
            audit.Record(AuditAction.Deleted, AuditTables.Projects, projectId, snapshot, after: null);
            projects.Remove(project);
            if (project.Budget is { Standalone: false } budget && !await budgets.IsLinkedOutsideAsync(budget.BudgetId, requested, cancellationToken))
            {
                budgets.Remove(budget);
            }

            deleted.Add(snapshot);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return deleted;
    }
}
