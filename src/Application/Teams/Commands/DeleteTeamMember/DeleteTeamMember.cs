using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Teams.Commands.DeleteTeamMember;

/// <summary><c>POST /team/member_delete</c>: removes one member, named by user id or email.</summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record DeleteTeamMemberCommand : ICommand<TeamDto>
{
    public required string TeamId { get; init; }
    public string? UserId { get; init; }
    public string? UserEmail { get; init; }
}

public sealed class DeleteTeamMemberCommandValidator : AbstractValidator<DeleteTeamMemberCommand>
{
    public DeleteTeamMemberCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage("No team id passed in");
        RuleFor(c => c.UserId)
            .Must((c, userId) => !string.IsNullOrEmpty(userId) || !string.IsNullOrEmpty(c.UserEmail))
            .WithMessage("Either user_id or user_email needs to be passed in");
    }
}

public sealed class DeleteTeamMemberCommandHandler(
    ITeamRepository teams,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    OrganizationStanding standing,
    TimeProvider clock) : ICommandHandler<DeleteTeamMemberCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(DeleteTeamMemberCommand command, CancellationToken cancellationToken)
    {
        var loaded = await teams.GetAsync(command.TeamId, cancellationToken);
        var team = caller.EnsureAdministrable(loaded, command.TeamId, "remove members", await standing.AdministersOrganizationOfAsync(loaded, cancellationToken));
        var member = team.FindMemberBy(command.UserId, command.UserEmail)
            ?? throw new NotFoundException("User not found in team", command.UserId is null ? "user_email" : "user_id");

        var removed = TeamMembershipDto.From(team.TeamId, member, budget: null);
        team.RemoveMember(member.UserId, caller.Stamp(clock));
        var after = team.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, TeamMembersChangeDto.Of(team.TeamId, [removed]), TeamMembersChangeDto.Of(team.TeamId, []));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }
}
