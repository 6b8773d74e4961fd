using ProxyAdmin.Application.Organizations;
using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Projects.Commands.UpdateProject;

/// <summary>
/// <c>POST /project/update</c>: changes only the fields sent; <c>metadata</c> is merged. Authorized against
/// the team that owns the project today; moving it to another team needs admin rights there too (the fix
/// for LiteLLM's project hijack). Budget fields update the linked budget row, or create and link one.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record UpdateProjectCommand : ProjectRequestFields, ICommand<ProjectDto>
{
    public required string ProjectId { get; init; }
    public string? ProjectAlias { get; init; }
    public string? Description { get; init; }

    /// <summary>Moves the project to another team.</summary>
    public string? TeamId { get; init; }

    public List<string>? Models { get; init; }

    /// <summary>Merged into the stored metadata; a null value removes that key.</summary>
    public JsonObject? Metadata { get; init; }

    public bool? Blocked { get; init; }
    public ObjectPermissionRequest? ObjectPermission { get; init; }
}

public sealed class UpdateProjectCommandValidator : ProjectRequestValidator<UpdateProjectCommand>
{
    public UpdateProjectCommandValidator()
    {
        RuleFor(c => c.ProjectId).NotEmpty().WithMessage("project_id is required");
        RuleFor(c => c.TeamId).NotBlank();
        RuleFor(c => c.ProjectAlias).MaximumLength(Project.AliasMaxLength);
        RuleFor(c => c.Description).MaximumLength(Project.DescriptionMaxLength);
        RuleFor(c => c.Models).NonBlankItems();
        RuleFor(c => c.ObjectPermission).ValidPermission();
        RuleFor(c => c.Metadata).JsonSize();
        RuleFor(c => c.Metadata).LimitTypeInside("rpm_limit_type", TeamRequestValidator<TeamRequestFields>.LimitTypes);
        RuleFor(c => c.Metadata).LimitTypeInside("tpm_limit_type", TeamRequestValidator<TeamRequestFields>.LimitTypes);
    }
}

public sealed class UpdateProjectCommandHandler(
    IProjectRepository projects,
    ITeamRepository teams,
    IBudgetRepository budgets,
    IVirtualKeyRepository keys,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    OrganizationStanding standing,
    EntityTags tags,
    TimeProvider clock) : ICommandHandler<UpdateProjectCommand, ProjectDto>
{
    public async ValueTask<ProjectDto> Handle(UpdateProjectCommand command, CancellationToken cancellationToken)
    {
        var project = await projects.GetAsync(command.ProjectId, cancellationToken) ?? throw ProjectErrors.ProjectNotFound(command.ProjectId);
        var currentTeam = await teams.GetAsync(project.TeamId, cancellationToken);
        caller.EnsureAdministers(
            currentTeam,
            ProjectErrors.ProjectNotFound(command.ProjectId),
            "Only admins or team admins can update projects",
            await standing.AdministersOrganizationOfAsync(currentTeam, cancellationToken));
        tags.EnsureCurrent(AuditTables.Projects, project.ProjectId, project.Version);

        var targetTeam = currentTeam!;
        if (command.TeamId is { } destinationId && destinationId != project.TeamId)
        {
            var destination = await teams.GetAsync(destinationId, cancellationToken) ?? throw ProjectErrors.TeamNotFound(destinationId);
            caller.EnsureAdministers(
                destination,
                ProjectErrors.TeamNotFound(destinationId),
                "Cannot reassign project to a team you are not an admin of",
                await standing.AdministersOrganizationOfAsync(destination, cancellationToken));
            var keyCount = await keys.CountByProjectAsync(project.ProjectId, cancellationToken);
            if (keyCount > 0)
            {
                throw new ConflictException(
                    $"Cannot move project {project.ProjectId} to team {destinationId}: {keyCount} key(s) of team {project.TeamId} are associated with it. Delete or reassign the keys first.",
                    "team_id");
            }

            targetTeam = destination!;
        }

        caller.EnsureMayLink(command.BudgetId, project.BudgetId);
        var linkedBudget = project.Budget;
        if (command.BudgetId is { } budgetId && budgetId != project.BudgetId)
        {
            linkedBudget = await budgets.GetAsync(budgetId, cancellationToken) ?? throw ProjectErrors.BudgetNotFound(budgetId);
        }

        var budgetChanges = command.ToBudgetSettings();
        if (linkedBudget is not null && !budgetChanges.IsEmpty)
        {
            await caller.EnsureMayChangeAsync(budgets, linkedBudget, cancellationToken);
        }

        ProjectLimits.EnsureWithin(targetTeam, command.Models ?? project.Models, budgetChanges, linkedBudget);
        if (linkedBudget is not null && !budgetChanges.IsEmpty)
        {
            // A shared row's new limits reach the other projects that link it, in their teams.
            await budgets.EnsureWithinLinkingTeamsAsync(linkedBudget, budgetChanges, project.ProjectId, cancellationToken);
        }

        var before = project.ToDto();
        var stamp = caller.Stamp(clock);
        if (targetTeam.TeamId != project.TeamId)
        {
            project.MoveTo(targetTeam.TeamId, stamp);
        }

        project.Update(command.ToSettings(command.MoveInto(command.Metadata)), stamp);
        if (linkedBudget is null)
        {
            // LiteLLM dropped budget fields when the project had no budget row; here they create one.
            if (!budgetChanges.IsEmpty)
            {
                linkedBudget = Budget.Create(budgetChanges, stamp);
                budgets.Add(linkedBudget);
                project.LinkBudget(linkedBudget);
            }
        }
        else
        {
            if (!budgetChanges.IsEmpty)
            {
                linkedBudget.Update(budgetChanges, stamp);
            }

            if (linkedBudget.BudgetId != project.BudgetId)
            {
                project.LinkBudget(linkedBudget);
            }
        }

        if (command.ObjectPermission is { } permission)
        {
            project.SetPermission(permission.ToSettings());
        }

        var after = project.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Projects, project.ProjectId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        tags.Answer(AuditTables.Projects, project.ProjectId, project.Version);
        return after;
    }
}
