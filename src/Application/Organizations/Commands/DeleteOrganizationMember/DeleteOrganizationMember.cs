using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Organizations.Commands.DeleteOrganizationMember;

/// <summary>
/// <c>DELETE /organization/member_delete</c>: removes a member (named by user id or by email) from the organization and
/// returns the membership as it was. A user who is still a member of one of the organization's teams is refused (409
/// naming the teams): a team in an organization only has members of it. Proxy admins and the organization's
/// <c>org_admin</c>s may.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record DeleteOrganizationMemberCommand : ICommand<OrganizationMembershipDto>
{
    public required string OrganizationId { get; init; }
    public string? UserId { get; init; }
    public string? UserEmail { get; init; }
}

public sealed class DeleteOrganizationMemberCommandValidator : AbstractValidator<DeleteOrganizationMemberCommand>
{
    public DeleteOrganizationMemberCommandValidator()
    {
        RuleFor(c => c.OrganizationId).NotEmpty().WithMessage("'organization_id' is required.");
        RuleFor(c => c.UserId)
            .Must((c, userId) => !string.IsNullOrEmpty(userId) || !string.IsNullOrEmpty(c.UserEmail))
            .WithMessage("Either user_id or user_email needs to be passed in");
    }
}

public sealed class DeleteOrganizationMemberCommandHandler(
    IOrganizationRepository organizations,
    ITeamRepository teams,
    IUserRepository users,
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<DeleteOrganizationMemberCommand, OrganizationMembershipDto>
{
    public async ValueTask<OrganizationMembershipDto> Handle(DeleteOrganizationMemberCommand command, CancellationToken cancellationToken)
    {
        var organization = caller.EnsureAdministrable(
            await organizations.GetAsync(command.OrganizationId, cancellationToken), command.OrganizationId, "remove members");
        var member = await users.FindOrganizationMemberAsync(organization, command.UserId, command.UserEmail, cancellationToken);
        // Ids only: the member's teams that are the organization's, not every team of the organization loaded.
        var teamsOfMember = (await teams.GetTeamIdsOfMemberAsync(member.UserId, cancellationToken))
            .Intersect(await organizations.TeamIdsInAsync([organization.OrganizationId], cancellationToken), StringComparer.Ordinal)
            .ToList();
        if (teamsOfMember.Count > 0)
        {
            throw new ConflictException(
                $"User {member.UserId} is still a member of team(s) {string.Join(", ", teamsOfMember)} of organization {organization.OrganizationId}; remove it from them first (/team/member_delete).",
                string.IsNullOrEmpty(command.UserId) ? "user_email" : "user_id");
        }

        var budget = member.BudgetId is { } budgetId ? await budgets.GetAsync(budgetId, cancellationToken) : null;
        var removed = OrganizationMembershipDto.From(organization.OrganizationId, member, budget);
        organization.RemoveMember(member.UserId, caller.Stamp(clock));
        if (budget is { Standalone: false } && await budgets.CountLinksAsync(budget.BudgetId, cancellationToken) <= 1)
        {
            budgets.Remove(budget);
        }

        audit.Record(
            AuditAction.Updated,
            AuditTables.Organizations,
            organization.OrganizationId,
            OrganizationMembersChangeDto.Of(organization.OrganizationId, [removed]),
            OrganizationMembersChangeDto.Of(organization.OrganizationId, []));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return removed;
    }
}
