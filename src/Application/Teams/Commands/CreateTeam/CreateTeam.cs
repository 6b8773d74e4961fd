using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Commands.CreateTeam;

/// <summary>
/// <c>POST /team/new</c>: creates a team with its members (unknown users are created), models, limits,
/// aliases, object permission and member budget. A creator that is a user (not the master key) becomes an admin of
/// the team. Takes every field of LiteLLM's <c>NewTeamRequest</c> (and of <c>UpdateTeamRequest</c>).
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin)]
public sealed record CreateTeamCommand : TeamRequestFields, ICommand<TeamDto>
{
    /// <summary>Chosen by the caller, or a new uuid.</summary>
    public string? TeamId { get; init; }

    public List<TeamMemberRequest>? MembersWithRoles { get; init; }
}

public sealed class CreateTeamCommandValidator : TeamRequestValidator<CreateTeamCommand>
{
    public CreateTeamCommandValidator()
    {
        RuleFor(c => c.TeamId).Identifier(Team.IdMaxLength);
        RuleForEach(c => c.MembersWithRoles)
            .NotNull().WithMessage("'members_with_roles' must not contain null entries.")
            .SetValidator(new TeamMemberRequestValidator());
    }
}

public sealed class CreateTeamCommandHandler(
    ITeamRepository teams,
    IBudgetRepository budgets,
    TeamMemberResolver memberResolver,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<CreateTeamCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(CreateTeamCommand command, CancellationToken cancellationToken)
    {
        var teamId = command.TeamId ?? Guid.NewGuid().ToString();
        if (await teams.ExistsAsync(teamId, cancellationToken))
        {
            throw new ConflictException($"Team id = {teamId} already exists. Please use a different team id.", "team_id");
        }

        var stamp = caller.Stamp(clock);
        var team = Team.Create(teamId, command.ToSettings(command.MoveInto(command.Metadata)), stamp);
        if (command.ToMemberBudgetSettings() is { IsEmpty: false } memberBudget)
        {
            var budget = Budget.Create(memberBudget, stamp);
            budgets.Add(budget);
            team.LinkMemberBudget(budget, stamp);
        }

        foreach (var request in command.MembersWithRoles ?? [])
        {
            var (member, _) = await memberResolver.ResolveAsync(request, stamp, cancellationToken);
            if (!team.AddMember(member, stamp))
            {
                throw new BadRequestException($"User={member.UserId} is listed more than once in members_with_roles.", "members_with_roles");
            }
        }

        // The master key is nobody, so it joins no team it creates; a user who creates one administers it.
        if (caller.Principal.UserId is { } creator && !team.IsMember(creator))
        {
            team.AddMember(new TeamMember(creator, null, TeamRole.Admin), stamp);
        }

        if (command.ObjectPermission is { } permission)
        {
            team.SetPermission(permission.ToSettings());
        }

        teams.Add(team);
        var created = team.ToDto();
        audit.Record(AuditAction.Created, AuditTables.Teams, team.TeamId, before: null, after: created);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return created;
    }
}
