using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.Organizations.Commands.UpdateOrganizationMember;

/// <summary>
/// <c>PATCH /organization/member_update</c>: changes a member's organization role and its budget in the organization
/// (<c>max_budget_in_organization</c>, kept in the membership's own budget row). The member is named by user id or by
/// email. Proxy admins and the organization's <c>org_admin</c>s may.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record UpdateOrganizationMemberCommand : ICommand<OrganizationMembershipDto>
{
    public required string OrganizationId { get; init; }
    public string? UserId { get; init; }
    public string? UserEmail { get; init; }
    public OrganizationRole? Role { get; init; }
    public double? MaxBudgetInOrganization { get; init; }
}

public sealed class UpdateOrganizationMemberCommandValidator : AbstractValidator<UpdateOrganizationMemberCommand>
{
    public UpdateOrganizationMemberCommandValidator()
    {
        RuleFor(c => c.OrganizationId).NotEmpty().WithMessage("'organization_id' is required.");
        RuleFor(c => c.UserId)
            .Must((c, userId) => !string.IsNullOrEmpty(userId) || !string.IsNullOrEmpty(c.UserEmail))
            .WithMessage("Either user_id or user_email needs to be passed in");
        RuleFor(c => c.Role).IsInEnum().WithMessage("Invalid role. Must be one of: ['org_admin', 'internal_user', 'internal_user_viewer']");
        RuleFor(c => c.MaxBudgetInOrganization).FiniteNonNegative();
    }
}

public sealed class UpdateOrganizationMemberCommandHandler(
    IOrganizationRepository organizations,
    IUserRepository users,
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<UpdateOrganizationMemberCommand, OrganizationMembershipDto>
{
    public async ValueTask<OrganizationMembershipDto> Handle(UpdateOrganizationMemberCommand command, CancellationToken cancellationToken)
    {
        var organization = caller.EnsureAdministrable(
            await organizations.GetAsync(command.OrganizationId, cancellationToken), command.OrganizationId, "change members");
        var member = await users.FindOrganizationMemberAsync(organization, command.UserId, command.UserEmail, cancellationToken);
        var budget = member.BudgetId is { } budgetId ? await budgets.GetAsync(budgetId, cancellationToken) : null;
        var before = OrganizationMembershipDto.From(organization.OrganizationId, member, budget);
        var stamp = caller.Stamp(clock);
        if (command.Role is { } role)
        {
            organization.ChangeMemberRole(member.UserId, role, stamp);
        }

        if (command.MaxBudgetInOrganization is { } maxBudget)
        {
            var limits = new BudgetSettings { MaxBudget = maxBudget };
            if (budget is null)
            {
                budget = Budget.Create(limits, stamp);
                budgets.Add(budget);
                organization.SetMemberBudget(member.UserId, budget, stamp);
            }
            else
            {
                await caller.EnsureMayChangeAsync(budgets, budget, cancellationToken);
                budget.Update(limits, stamp);
            }
        }

        var after = OrganizationMembershipDto.From(organization.OrganizationId, member, budget);
        audit.Record(
            AuditAction.Updated,
            AuditTables.Organizations,
            organization.OrganizationId,
            OrganizationMembersChangeDto.Of(organization.OrganizationId, [before]),
            OrganizationMembersChangeDto.Of(organization.OrganizationId, [after]));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }
}
