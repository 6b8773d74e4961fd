using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Commands.CreateTeam;

/// <summary>
/// <c>POST /team/new</c>: creates a team with its members (unknown users are created), models, limits,
/// aliases, object permission and member budget. A creator that is a user (not the master key) becomes an admin of
/// the team, unless the team is in an organization the creator is no member of. Proxy admins may create any team; an
/// <c>org_admin</c> may create teams in its organization. A team in an organization keeps within it
/// (<see cref="TeamOrganizationRules"/>): the organization exists, the team's models and limits fit, its members are
/// members of the organization. Takes every field of LiteLLM's <c>NewTeamRequest</c> (and of <c>UpdateTeamRequest</c>).
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record CreateTeamCommand : TeamRequestFields, ICommand<TeamDto>, IIdempotentCommand
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
        RuleFor(c => c.MembersWithRoles).MaxMembers();
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
    OrganizationStanding standing,
    TeamOrganizationRules organizationRules,
    TimeProvider clock) : ICommandHandler<CreateTeamCommand, TeamDto>
{
    public async ValueTask<TeamDto> Handle(CreateTeamCommand command, CancellationToken cancellationToken)
    {
        if (!caller.IsProxyAdmin() && !await standing.AdministersAsync(command.OrganizationId, cancellationToken))
        {
            throw new ForbiddenAccessException(
                $"Only proxy admins, and org admins in their organization (organization_id), can create teams. Your role is {RoleNames.ToWire(caller.Principal.Role)}");
        }

        var teamId = command.TeamId ?? Guid.NewGuid().ToString();
        if (await teams.ExistsAsync(teamId, cancellationToken))
        {
            throw new ConflictException($"Team id = {teamId} already exists. Please use a different team id.", "team_id");
        }

        var stamp = caller.Stamp(clock);
        var members = new List<TeamMember>();
        foreach (var request in command.MembersWithRoles ?? [])
        {
            // Refused before resolving: a user id listed twice would otherwise be created twice.
            if (request.UserId is { } listed && members.Exists(m => m.UserId == listed))
            {
                throw ListedTwice(listed);
            }

            var (member, _) = await memberResolver.ResolveAsync(request, stamp, cancellationToken);
            if (members.Exists(m => m.UserId == member.UserId))
            {
                throw ListedTwice(member.UserId);
            }

            members.Add(member);
        }

        var settings = await organizationRules.ForNewTeamAsync(
            command.ToSettings(command.MoveInto(command.Metadata)), [.. members.Select(m => m.UserId)], cancellationToken);
        var team = Team.Create(teamId, settings, stamp);
        if (command.ToMemberBudgetSettings() is { IsEmpty: false } memberBudget)
        {
            var budget = Budget.Create(memberBudget, stamp);
            budgets.Add(budget);
            team.LinkMemberBudget(budget, stamp);
        }

        foreach (var member in members)
        {
            team.AddMember(member, stamp);
        }

        // The master key is nobody, so it joins no team it creates; a user who creates one administers it (in an
        // organization, only a member of the organization joins: a proxy admin administers the team anyway).
        if (caller.Principal.UserId is { } creator && !team.IsMember(creator)
            && (team.OrganizationId is null || await organizationRules.IsMemberAsync(team.OrganizationId, creator, cancellationToken)))
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

    private static BadRequestException ListedTwice(string userId) =>
        new($"User={userId} is listed more than once in members_with_roles.", "members_with_roles");
}
