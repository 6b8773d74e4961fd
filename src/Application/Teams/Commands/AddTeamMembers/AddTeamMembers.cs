using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.Teams.Commands.AddTeamMembers;

/// <summary>
/// <c>POST /team/member_add</c>: adds one member or a list (<c>member</c> may be either); unknown users
/// are created. In a team of an organization, every member must be a member of the organization (403). A user already in the team refuses the whole request (409). Concurrent adds of different
/// users all land: each runs in its own transaction against the current membership.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record AddTeamMembersCommand : ICommand<TeamMembersAddedDto>
{
    public required string TeamId { get; init; }

    /// <summary>One member object or an array of them.</summary>
    public required List<TeamMemberRequest> Member { get; init; }

    /// <summary>Each added member's budget in the team (a budget row of its own); the team's member budget when absent.</summary>
    public double? MaxBudgetInTeam { get; init; }
}

public sealed class AddTeamMembersCommandValidator : AbstractValidator<AddTeamMembersCommand>
{
    public AddTeamMembersCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage("'team_id' is required.");
        RuleFor(c => c.MaxBudgetInTeam).FiniteNonNegative();
        RuleFor(c => c.Member).NotEmpty().WithMessage("'member' must name at least one member.").MaxMembers();
        RuleForEach(c => c.Member)
            .NotNull().WithMessage("'member' must not contain null entries.")
            .SetValidator(new TeamMemberRequestValidator());
    }
}

public sealed class AddTeamMembersCommandHandler(
    ITeamRepository teams,
    IBudgetRepository budgets,
    TeamMemberResolver memberResolver,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    OrganizationStanding standing,
    TeamOrganizationRules organizationRules,
    TimeProvider clock) : ICommandHandler<AddTeamMembersCommand, TeamMembersAddedDto>
{
    public async ValueTask<TeamMembersAddedDto> Handle(AddTeamMembersCommand command, CancellationToken cancellationToken)
    {
        var loaded = await teams.GetAsync(command.TeamId, cancellationToken);
        var team = caller.EnsureAdministrable(loaded, command.TeamId, "add members", await standing.AdministersOrganizationOfAsync(loaded, cancellationToken));
        var stamp = caller.Stamp(clock);
        var createdUsers = new List<UserDto>();
        var added = new List<TeamMembershipDto>();
        foreach (var request in command.Member)
        {
            var (member, createdUser) = await memberResolver.ResolveAsync(request, stamp, cancellationToken);
            await organizationRules.EnsureMayJoinAsync(team, member.UserId, cancellationToken);
            if (!team.AddMember(member, stamp))
            {
                throw new ConflictException(
                    $"User={member.UserId} already in team. Existing members={string.Join(",", team.Members.Select(m => m.UserId))}",
                    "member");
            }

            if (createdUser is not null)
            {
                createdUsers.Add(createdUser.ToDto());
            }

            var budget = team.TeamMemberBudget;
            if (command.MaxBudgetInTeam is { } maxBudget)
            {
                budget = Budget.Create(new BudgetSettings { MaxBudget = maxBudget }, stamp);
                budgets.Add(budget);
                team.SetMemberBudget(member.UserId, budget, stamp);
            }

            added.Add(TeamMembershipDto.From(team.TeamId, member, budget));
        }

        audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, TeamMembersChangeDto.Of(team.TeamId, []), TeamMembersChangeDto.Of(team.TeamId, added));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return team.ToMembersAddedDto(createdUsers, added);
    }
}
