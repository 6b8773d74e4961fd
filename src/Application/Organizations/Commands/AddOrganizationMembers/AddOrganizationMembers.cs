using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.Organizations.Commands.AddOrganizationMembers;

/// <summary>
/// <c>POST /organization/member_add</c>: adds one member or a list (<c>member</c> may be either), each with an
/// organization role; unknown users are created. A user already in the organization refuses the whole request (409).
/// Proxy admins and the organization's <c>org_admin</c>s may.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record AddOrganizationMembersCommand : ICommand<OrganizationMembersAddedDto>
{
    public required string OrganizationId { get; init; }

    /// <summary>One member object or an array of them.</summary>
    public required List<OrganizationMemberRequest> Member { get; init; }

    /// <summary>Each added member's budget in the organization (a budget row of its own).</summary>
    public double? MaxBudgetInOrganization { get; init; }
}

public sealed class AddOrganizationMembersCommandValidator : AbstractValidator<AddOrganizationMembersCommand>
{
    public AddOrganizationMembersCommandValidator()
    {
        RuleFor(c => c.OrganizationId).NotEmpty().WithMessage("'organization_id' is required.");
        RuleFor(c => c.MaxBudgetInOrganization).FiniteNonNegative();
        RuleFor(c => c.Member).NotEmpty().WithMessage("'member' must name at least one member.").MaxMembers();
        RuleForEach(c => c.Member)
            .NotNull().WithMessage("'member' must not contain null entries.")
            .SetValidator(new OrganizationMemberRequestValidator());
    }
}

public sealed class AddOrganizationMembersCommandHandler(
    IOrganizationRepository organizations,
    IBudgetRepository budgets,
    MemberUserResolver users,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<AddOrganizationMembersCommand, OrganizationMembersAddedDto>
{
    public async ValueTask<OrganizationMembersAddedDto> Handle(AddOrganizationMembersCommand command, CancellationToken cancellationToken)
    {
        var organization = caller.EnsureAdministrable(
            await organizations.GetAsync(command.OrganizationId, cancellationToken), command.OrganizationId, "add members");
        var stamp = caller.Stamp(clock);
        var updatedUsers = new List<UserDto>();
        var added = new List<OrganizationMembershipDto>();
        foreach (var request in command.Member)
        {
            var (user, _) = await users.ResolveAsync(request.UserId, request.UserEmail, "organization", stamp, cancellationToken);
            var member = new OrganizationMember(user.UserId, request.Role, stamp);
            if (!organization.AddMember(member, stamp))
            {
                throw OrganizationErrors.AlreadyMember(user.UserId, organization.OrganizationId);
            }

            Budget? budget = null;
            if (command.MaxBudgetInOrganization is { } maxBudget)
            {
                budget = Budget.Create(new BudgetSettings { MaxBudget = maxBudget }, stamp);
                budgets.Add(budget);
                organization.SetMemberBudget(member.UserId, budget, stamp);
            }

            updatedUsers.Add(user.ToDto());
            added.Add(OrganizationMembershipDto.From(organization.OrganizationId, member, budget));
        }

        audit.Record(
            AuditAction.Updated,
            AuditTables.Organizations,
            organization.OrganizationId,
            OrganizationMembersChangeDto.Of(organization.OrganizationId, []),
            OrganizationMembersChangeDto.Of(organization.OrganizationId, added));
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new OrganizationMembersAddedDto
        {
            OrganizationId = organization.OrganizationId,
            UpdatedUsers = updatedUsers,
            UpdatedOrganizationMemberships = added,
        };
    }
}
