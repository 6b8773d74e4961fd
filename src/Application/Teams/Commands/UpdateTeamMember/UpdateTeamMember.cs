using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Commands.UpdateTeamMember;

/// <summary>
/// <c>POST /team/member_update</c>: changes a member's role and its limits in the team (<c>max_budget_in_team</c>,
/// <c>tpm_limit</c>, <c>rpm_limit</c>, kept in the membership's budget row). A member that shared the team's member
/// budget gets a row of its own, copied from it, so the change never reaches the other members.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record UpdateTeamMemberCommand : ICommand<TeamMemberUpdatedDto>
{
    public required string TeamId { get; init; }
    public string? UserId { get; init; }
    public string? UserEmail { get; init; }
    public TeamRole? Role { get; init; }
    public double? MaxBudgetInTeam { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }

    public BudgetSettings ToBudgetSettings() => new() { MaxBudget = MaxBudgetInTeam, TpmLimit = TpmLimit, RpmLimit = RpmLimit };
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
        RuleFor(c => c.MaxBudgetInTeam).FiniteNonNegative();
        RuleFor(c => c.TpmLimit).NonNegative();
        RuleFor(c => c.RpmLimit).NonNegative();
    }
}

public sealed class UpdateTeamMemberCommandHandler(
    ITeamRepository teams,
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    OrganizationStanding standing,
    TimeProvider clock) : ICommandHandler<UpdateTeamMemberCommand, TeamMemberUpdatedDto>
{
    public async ValueTask<TeamMemberUpdatedDto> Handle(UpdateTeamMemberCommand command, CancellationToken cancellationToken)
    {
        var loaded = await teams.GetAsync(command.TeamId, cancellationToken);
        var team = caller.EnsureAdministrable(loaded, command.TeamId, "change members", await standing.AdministersOrganizationOfAsync(loaded, cancellationToken));
        var member = team.FindMemberBy(command.UserId, command.UserEmail)
            ?? throw new NotFoundException("User not found in team", command.UserId is null ? "user_email" : "user_id");
        var budget = member.BudgetId is { } budgetId ? await budgets.GetAsync(budgetId, cancellationToken) : null;

        var before = TeamMembershipDto.From(team.TeamId, member, budget);
        var stamp = caller.Stamp(clock);
        if (command.Role is { } role)
        {
            team.ChangeMemberRole(member.UserId, role, stamp);
        }

        if (command.ToBudgetSettings() is { IsEmpty: false } limits)
        {
            if (budget is null || team.SharesMemberBudget(member))
            {
                var own = Budget.Create(Copy(budget), stamp);
                own.Update(limits, stamp);
                budgets.Add(own);
                team.SetMemberBudget(member.UserId, own, stamp);
                budget = own;
            }
            else
            {
                budget.Update(limits, stamp);
            }
        }

        audit.Record(
            AuditAction.Updated,
            AuditTables.Teams,
            team.TeamId,
            TeamMembersChangeDto.Of(team.TeamId, [before]),
            TeamMembersChangeDto.Of(team.TeamId, [TeamMembershipDto.From(team.TeamId, member, budget)]));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return TeamMemberUpdatedDto.Of(team.TeamId, member, budget);
    }

    private static BudgetSettings Copy(Budget? budget) => budget is null
        ? new BudgetSettings()
        : new BudgetSettings
        {
            MaxBudget = budget.MaxBudget,
            SoftBudget = budget.SoftBudget,
            MaxParallelRequests = budget.MaxParallelRequests,
            TpmLimit = budget.TpmLimit,
            RpmLimit = budget.RpmLimit,
            ModelMaxBudget = (System.Text.Json.Nodes.JsonObject?)budget.ModelMaxBudget?.DeepClone(),
            BudgetDuration = budget.BudgetDuration,
        };
}
