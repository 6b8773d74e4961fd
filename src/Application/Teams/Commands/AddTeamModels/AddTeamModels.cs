using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Teams.Commands.AddTeamModels;

/// <summary>
/// <c>POST /team/model/add</c>: adds models to the team's list; ones already listed are kept once, in order. A team in an
/// organization keeps within the organization's models (400).
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record AddTeamModelsCommand : ICommand<TeamDto>
{
    public required string TeamId { get; init; }
    public required List<string> Models { get; init; }
}

public sealed class AddTeamModelsCommandValidator : AbstractValidator<AddTeamModelsCommand>
{
    public AddTeamModelsCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage("'team_id' is required.");
        RuleFor(c => c.Models).NotEmpty().WithMessage("'models' must list at least one model.").NonBlankItems();
    }
}

public sealed class AddTeamModelsCommandHandler(
    ITeamRepository teams,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    OrganizationStanding standing,
    TeamOrganizationRules organizationRules,
    TimeProvider clock) : ICommandHandler<AddTeamModelsCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(AddTeamModelsCommand command, CancellationToken cancellationToken)
    {
        var loaded = await teams.GetAsync(command.TeamId, cancellationToken);
        var team = caller.EnsureAdministrable(loaded, command.TeamId, "modify team models", await standing.AdministersOrganizationOfAsync(loaded, cancellationToken));
        await organizationRules.ForChangeAsync(team, new TeamSettings { Models = [.. team.Models.Union(command.Models, StringComparer.Ordinal)] }, cancellationToken);
        var before = team.ToDto();
        team.AddModels(command.Models, caller.Stamp(clock));
        var after = team.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }
}
