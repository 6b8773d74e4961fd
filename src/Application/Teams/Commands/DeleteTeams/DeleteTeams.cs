using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Teams.Commands.DeleteTeams;

/// <summary>
/// <c>POST /team/delete</c>: deletes teams with their keys, team models and memberships in one transaction. Every id is
/// checked first; an unknown id (404) or a team that still owns projects (409) refuses the whole request.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin)]
public sealed record DeleteTeamsCommand : ICommand<DeletedTeamsDto>
{
    public required List<string> TeamIds { get; init; }
}

public sealed class DeleteTeamsCommandValidator : AbstractValidator<DeleteTeamsCommand>
{
    public DeleteTeamsCommandValidator()
    {
        RuleFor(c => c.TeamIds).NotEmpty().WithMessage("'team_ids' must list at least one team id.");
        RuleForEach(c => c.TeamIds).NotEmpty().WithMessage("'team_ids' must not contain empty values.");
    }
}

public sealed class DeleteTeamsCommandHandler(
    ITeamRepository teams,
    IVirtualKeyRepository keys,
    IProjectRepository projects,
    IModelRepository models,
    ModelPresenter presenter,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    EntityTags tags) : ICommandHandler<DeleteTeamsCommand, DeletedTeamsDto>
{
    public async ValueTask<DeletedTeamsDto> Handle(DeleteTeamsCommand command, CancellationToken cancellationToken)
    {
        var requested = command.TeamIds.Distinct(StringComparer.Ordinal).ToList();
        var found = await teams.GetManyAsync(requested, cancellationToken);
        if (requested.Except(found.Select(t => t.TeamId), StringComparer.Ordinal).FirstOrDefault() is { } missing)
        {
            throw TeamAccess.NotFound(missing);
        }

        var versions = found.ToDictionary(t => t.TeamId, t => t.Version, StringComparer.Ordinal);
        tags.EnsureCurrent(AuditTables.Teams, command.TeamIds.ConvertAll(id => (id, versions[id])));

        var owningProjects = await projects.TeamsOwningProjectsAsync(requested, cancellationToken);
        if (owningProjects.Count > 0)
        {
            throw new ConflictException(
                $"Team(s) {string.Join(", ", owningProjects)} still own projects. Delete or move the projects first; nothing was deleted.",
                "team_ids");
        }

        var teamKeys = await keys.GetByTeamsAsync(requested, cancellationToken);
        foreach (var key in teamKeys)
        {
            audit.Record(AuditAction.Deleted, AuditTables.Keys, key.Token, key.ToDto(), after: null);
            keys.Remove(key);
        }

        foreach (var model in await models.GetByTeamsAsync(requested, cancellationToken))
        {
            audit.Record(AuditAction.Deleted, AuditTables.Models, model.ModelId, presenter.Present(model), after: null);
            models.Remove(model);
        }

        foreach (var team in found)
        {
            audit.Record(AuditAction.Deleted, AuditTables.Teams, team.TeamId, team.ToDto(), after: null);
            teams.Remove(team);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new DeletedTeamsDto { DeletedTeams = found.ConvertAll(t => t.TeamId), DeletedKeys = teamKeys.ConvertAll(k => k.Token) };
    }
}
