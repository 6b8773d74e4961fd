using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Teams.Commands.UnblockTeam;

/// <summary><c>POST /team/unblock</c>: the team's keys work again. Proxy admins only.</summary>
[Authorize(AccessPolicy.ProxyAdmin)]
public sealed record UnblockTeamCommand(string TeamId) : ICommand<TeamDto>;

public sealed class UnblockTeamCommandValidator : AbstractValidator<UnblockTeamCommand>
{
    public UnblockTeamCommandValidator() => RuleFor(c => c.TeamId).NotEmpty().WithMessage("'team_id' is required.");
}

public sealed class UnblockTeamCommandHandler(
    ITeamRepository teams,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<UnblockTeamCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(UnblockTeamCommand command, CancellationToken cancellationToken)
    {
        var team = await teams.GetAsync(command.TeamId, cancellationToken) ?? throw TeamAccess.NotFound(command.TeamId);
        var before = team.ToDto();
        team.SetBlocked(false, caller.Stamp(clock));
        var after = team.ToDto();
        audit.Record(AuditAction.Unblocked, AuditTables.Teams, team.TeamId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }
}
