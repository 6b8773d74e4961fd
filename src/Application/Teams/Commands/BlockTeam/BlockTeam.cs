using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Teams.Commands.BlockTeam;

/// <summary><c>POST /team/block</c>: the team's keys stop authenticating at once. Proxy admins only.</summary>
[Authorize(AccessPolicy.ProxyAdmin)]
public sealed record BlockTeamCommand(string TeamId) : ICommand<TeamDto>;

public sealed class BlockTeamCommandValidator : AbstractValidator<BlockTeamCommand>
{
    public BlockTeamCommandValidator() => RuleFor(c => c.TeamId).NotEmpty().WithMessage("'team_id' is required.");
}

public sealed class BlockTeamCommandHandler(
    ITeamRepository teams,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<BlockTeamCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(BlockTeamCommand command, CancellationToken cancellationToken)
    {
        var team = await teams.GetAsync(command.TeamId, cancellationToken) ?? throw TeamAccess.NotFound(command.TeamId);
        var before = team.ToDto();
        team.SetBlocked(true, caller.Stamp(clock));
        var after = team.ToDto();
        audit.Record(AuditAction.Blocked, AuditTables.Teams, team.TeamId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }
}
