using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Teams.Commands.DeleteTeamModels;

/// <summary><c>POST /team/model/delete</c>: removes models from the team's list.</summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record DeleteTeamModelsCommand : ICommand<TeamDto>
{
    public required string TeamId { get; init; }
    public required List<string> Models { get; init; }
}

public sealed class DeleteTeamModelsCommandValidator : AbstractValidator<DeleteTeamModelsCommand>
{
    public DeleteTeamModelsCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage("'team_id' is required.");
        RuleFor(c => c.Models).NotEmpty().WithMessage("'models' must list at least one model.").NonBlankItems();
    }
}

public sealed class DeleteTeamModelsCommandHandler(
    ITeamRepository teams,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    OrganizationStanding standing,
    TimeProvider clock) : ICommandHandler<DeleteTeamModelsCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(DeleteTeamModelsCommand command, CancellationToken cancellationToken)
    {
        var loaded = await teams.GetAsync(command.TeamId, cancellationToken);
        var team = caller.EnsureAdministrable(loaded, command.TeamId, "modify team models", await standing.AdministersOrganizationOfAsync(loaded, cancellationToken));
        var before = team.ToDto();
        team.RemoveModels(command.Models, caller.Stamp(clock));
        var after = team.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }
}
