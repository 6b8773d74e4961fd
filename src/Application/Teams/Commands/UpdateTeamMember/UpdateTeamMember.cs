using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Commands.UpdateTeamMember;

/// <summary><c>POST /team/member_update</c>: changes a member's role in the team.</summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record UpdateTeamMemberCommand : ICommand<TeamMembershipDto>
{
    public required string TeamId { get; init; }
    public string? UserId { get; init; }
    public string? UserEmail { get; init; }
    public required TeamRole Role { get; init; }
}

public sealed class UpdateTeamMemberCommandValidator : AbstractValidator<UpdateTeamMemberCommand>
{
    public UpdateTeamMemberCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage("No team id passed in");
        RuleFor(c => c.UserId)
            .Must((c, userId) => !string.IsNullOrEmpty(userId) || !string.IsNullOrEmpty(c.UserEmail))
            .WithMessage("Either user_id or user_email needs to be passed in");
        RuleFor(c => c.Role).IsInEnum().WithMessage("'role' must be 'admin' or 'user'.");
    }
}

public sealed class UpdateTeamMemberCommandHandler(
    ITeamRepository teams,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<UpdateTeamMemberCommand, TeamMembershipDto>
{
    public async ValueTask<TeamMembershipDto> Handle(UpdateTeamMemberCommand command, CancellationToken cancellationToken)
    {
        var team = caller.EnsureAdministrable(await teams.GetAsync(command.TeamId, cancellationToken), command.TeamId, "change member roles");
        var member = team.FindMemberBy(command.UserId, command.UserEmail)
            ?? throw new NotFoundException("User not found in team", command.UserId is null ? "user_email" : "user_id");

        var before = team.ToDto();
        team.ChangeMemberRole(member.UserId, command.Role, caller.Stamp(clock));
        audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, before, team.ToDto());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return TeamMembershipDto.From(team.TeamId, member);
    }
}
