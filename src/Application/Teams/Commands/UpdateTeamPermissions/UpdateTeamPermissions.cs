using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Commands.UpdateTeamPermissions;

/// <summary>
/// <c>POST /team/permissions_update</c>: replaces what the team's non-admin members may do with its keys, and returns
/// the team. Proxy admins and the team's admins.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record UpdateTeamPermissionsCommand : ICommand<TeamDto>
{
    public required string TeamId { get; init; }
    public required List<string> TeamMemberPermissions { get; init; }
}

public sealed class UpdateTeamPermissionsCommandValidator : AbstractValidator<UpdateTeamPermissionsCommand>
{
    public UpdateTeamPermissionsCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage("'team_id' is required.");
        RuleFor(c => c.TeamMemberPermissions).ValidMemberPermissions();
    }
}

public sealed class UpdateTeamPermissionsCommandHandler(
    ITeamRepository teams,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    OrganizationStanding standing,
    TimeProvider clock) : ICommandHandler<UpdateTeamPermissionsCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(UpdateTeamPermissionsCommand command, CancellationToken cancellationToken)
    {
        var loaded = await teams.GetAsync(command.TeamId, cancellationToken);
        var team = caller.EnsureAdministrable(loaded, command.TeamId, "change its member permissions", await standing.AdministersOrganizationOfAsync(loaded, cancellationToken));
        var before = team.ToDto();
        team.Update(new TeamSettings { TeamMemberPermissions = command.TeamMemberPermissions }, caller.Stamp(clock));
        var after = team.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }
}
