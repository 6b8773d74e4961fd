using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.Teams.Commands.UpdateTeam;

/// <summary>
/// <c>POST /team/update</c>: changes only the fields sent; <c>metadata</c> and <c>model_aliases</c> are
/// merged. Team admins may update their team but never raise its budgets or limits (per-model limits in
/// <c>metadata</c> included, and the member budget), block it or move it to another organization; those stay with
/// proxy admins; an <c>org_admin</c> of the team's organization may change its limits within the organization's.
/// <c>organization_id</c> moves the team (proxy admins; every member must be a member of the organization, and the team
/// must fit within it), an empty one takes it out of its organization. Takes every field of LiteLLM's <c>UpdateTeamRequest</c> (and of <c>NewTeamRequest</c>).
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record UpdateTeamCommand : TeamRequestFields, ICommand<UpdatedTeamDto>
{
    public required string TeamId { get; init; }

    /// <summary>Not changed by this route (LiteLLM ignores it here); the member routes change members.</summary>
    public List<TeamMemberRequest>? MembersWithRoles { get; init; }
}

public sealed class UpdateTeamCommandValidator : TeamRequestValidator<UpdateTeamCommand>
{
    public UpdateTeamCommandValidator()
    {
        RuleFor(c => c.TeamId).NotEmpty().WithMessage("'team_id' is required.");
        RuleFor(c => c.MembersWithRoles).Null()
            .WithMessage("members_with_roles cannot be changed by /team/update: use /team/member_add, /team/member_update or /team/member_delete.");
    }
}

public sealed class UpdateTeamCommandHandler(
    ITeamRepository teams,
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    OrganizationStanding standing,
    TeamOrganizationRules organizationRules,
    EntityTags tags,
    TimeProvider clock) : ICommandHandler<UpdateTeamCommand, UpdatedTeamDto>
{
    public async ValueTask<UpdatedTeamDto> Handle(UpdateTeamCommand command, CancellationToken cancellationToken)
    {
        var loaded = await teams.GetAsync(command.TeamId, cancellationToken);
        // Asked even of the team's own admins: an org admin who is also a team admin keeps its org admin's powers.
        var administersOrganization = !caller.IsProxyAdmin() && await standing.AdministersAsync(loaded?.OrganizationId, cancellationToken);
        var team = caller.EnsureAdministrable(loaded, command.TeamId, "update it", administersOrganization);
        tags.EnsureCurrent(AuditTables.Teams, team.TeamId, team.Version);
        var changes = command.ToSettings(command.MoveInto(command.Metadata));
        if (!caller.IsProxyAdmin())
        {
            // An org admin manages its organization's teams within the organization's limits; a team admin never
            // raises its own team's. Neither moves a team between organizations.
            var refusal = administersOrganization
                ? (team.MovesOrganization(changes) ? "Only proxy admins can move a team to another organization." : null)
                : team.RefusalForTeamAdmin(changes);
            if (refusal is not null)
            {
                throw new ForbiddenAccessException(refusal);
            }
        }

        changes = await organizationRules.ForChangeAsync(team, changes, cancellationToken);

        var memberBudget = command.ToMemberBudgetSettings();
        if (!caller.IsProxyAdmin() && !memberBudget.IsEmpty)
        {
            throw new ForbiddenAccessException("Only proxy admins can change a team's member budget.");
        }

        if (team.TeamMemberBudget is { } existing && !memberBudget.IsEmpty)
        {
            // Checked before anything changes, as Budget.Update would check it after the team already had.
            BudgetRules.EnsureSoftBelowMax(existing.SoftBudget, memberBudget.MaxBudget ?? existing.MaxBudget);
        }

        var before = team.ToDto();
        var stamp = caller.Stamp(clock);
        team.Update(changes, stamp);
        if (!memberBudget.IsEmpty)
        {
            if (team.TeamMemberBudget is { } budget)
            {
                budget.Update(memberBudget, stamp);
            }
            else
            {
                var created = Budget.Create(memberBudget, stamp);
                budgets.Add(created);
                team.LinkMemberBudget(created, stamp);
            }
        }

        if (command.ObjectPermission is { } permission)
        {
            team.SetPermission(permission.ToSettings());
        }

        var after = team.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        tags.Answer(AuditTables.Teams, team.TeamId, team.Version);
        return new UpdatedTeamDto { TeamId = team.TeamId, Data = after };
    }
}
