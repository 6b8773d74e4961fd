using ProxyAdmin.Application.Common.Idempotency;
using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.Projects.Commands.CreateProject;

/// <summary>
/// <c>POST /project/new</c>: creates a project under a team, with its own budget row (or a linked one)
/// and object permission. Proxy admins and the team's admins may; the team is authorized before any of
/// its limits are compared, so outsiders learn nothing about it.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record CreateProjectCommand : ProjectRequestFields, ICommand<ProjectDto>, IIdempotentCommand
{
    /// <summary>Chosen by the caller, or a new uuid.</summary>
    public string? ProjectId { get; init; }

    public string? ProjectAlias { get; init; }
    public string? Description { get; init; }
    public required string TeamId { get; init; }

    /// <summary>A subset of the team's models, unless the team's list restricts nothing.</summary>
    public List<string>? Models { get; init; }

    public JsonObject? Metadata { get; init; }
    public bool? Blocked { get; init; }
    public ObjectPermissionRequest? ObjectPermission { get; init; }
}

public sealed class CreateProjectCommandValidator : ProjectRequestValidator<CreateProjectCommand>
{
    public CreateProjectCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage("'team_id' is required.");
        RuleFor(c => c.ProjectId).Identifier(Project.IdMaxLength);
        RuleFor(c => c.ProjectAlias).MaximumLength(Project.AliasMaxLength);
        RuleFor(c => c.Description).MaximumLength(Project.DescriptionMaxLength);
        RuleFor(c => c.Models).NonBlankItems();
        RuleFor(c => c.ObjectPermission).ValidPermission();
        RuleFor(c => c.Metadata).JsonSize();
        RuleFor(c => c.Metadata).LimitTypeInside("rpm_limit_type", TeamRequestValidator<TeamRequestFields>.LimitTypes);
        RuleFor(c => c.Metadata).LimitTypeInside("tpm_limit_type", TeamRequestValidator<TeamRequestFields>.LimitTypes);
    }
}

public sealed class CreateProjectCommandHandler(
    IProjectRepository projects,
    ITeamRepository teams,
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    OrganizationStanding standing,
    TimeProvider clock) : ICommandHandler<CreateProjectCommand, ProjectDto>
{
    public async ValueTask<ProjectDto> Handle(CreateProjectCommand command, CancellationToken cancellationToken)
    {
        // Read, not loaded for change: the project is written under the team, the team itself is only judged. The
        // transaction holds the write lock, so the team cannot change before the commit.
        var team = await teams.ReadAsync(command.TeamId, cancellationToken);
        if (team is null)
        {
            throw ProjectErrors.TeamNotFound(command.TeamId);
        }

        caller.EnsureAdministers(
            team,
            ProjectErrors.TeamNotFound(command.TeamId),
            $"Only admins or team admins can create projects. Your role is {RoleNames.ToWire(caller.Principal.Role)}",
            await standing.AdministersOrganizationOfAsync(team, cancellationToken));

        var projectId = command.ProjectId ?? Guid.NewGuid().ToString();
        if (await projects.ExistsAsync(projectId, cancellationToken))
        {
            throw new ConflictException($"Project id = {projectId} already exists. Please use a different project id.", "project_id");
        }

        caller.EnsureMayLink(command.BudgetId, current: null);
        var linkedBudget = command.BudgetId is { } budgetId
            ? await budgets.GetAsync(budgetId, cancellationToken) ?? throw ProjectErrors.BudgetNotFound(budgetId)
            : null;
        ProjectLimits.EnsureWithin(team, command.Models ?? [], command.ToBudgetSettings(), linkedBudget);

        var stamp = caller.Stamp(clock);
        var project = Project.Create(projectId, team.TeamId, command.ToSettings(command.MoveInto(command.Metadata)), stamp);
        if (linkedBudget is null)
        {
            linkedBudget = Budget.Create(command.ToBudgetSettings(), stamp);
            budgets.Add(linkedBudget);
        }

        project.LinkBudget(linkedBudget);
        if (command.ObjectPermission is { } permission)
        {
            project.SetPermission(permission.ToSettings());
        }

        projects.Add(project);
        var created = project.ToDto();
        audit.Record(AuditAction.Created, AuditTables.Projects, project.ProjectId, before: null, after: created);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return created;
    }
}
