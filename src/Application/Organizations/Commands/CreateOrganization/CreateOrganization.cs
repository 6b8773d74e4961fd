using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.Organizations.Commands.CreateOrganization;

/// <summary>
/// <c>POST /organization/new</c>: an organization with its budget row (described by the budget fields, or an existing
/// one linked by <c>budget_id</c>), models, metadata and object permission. Proxy admins only (LiteLLM: a 401 for
/// anyone else; here the 403 every role refusal is). An id the caller chose that exists already is a 409.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only proxy admins can create organizations")]
public sealed record CreateOrganizationCommand : OrganizationRequestFields, ICommand<OrganizationDto>, IIdempotentCommand
{
    /// <summary>Chosen by the caller, or a new uuid.</summary>
    public string? OrganizationId { get; init; }
}

public sealed class CreateOrganizationCommandValidator : OrganizationRequestValidator<CreateOrganizationCommand>
{
    public CreateOrganizationCommandValidator()
    {
        RuleFor(c => c.OrganizationAlias).NotEmpty().WithMessage("'organization_alias' is required.");
        RuleFor(c => c.OrganizationId).Identifier(Organization.IdMaxLength);
    }
}

public sealed class CreateOrganizationCommandHandler(
    IOrganizationRepository organizations,
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<CreateOrganizationCommand, OrganizationDto>
{
    public async ValueTask<OrganizationDto> Handle(CreateOrganizationCommand command, CancellationToken cancellationToken)
    {
        var organizationId = command.OrganizationId ?? Guid.NewGuid().ToString();
        if (await organizations.ExistsAsync(organizationId, cancellationToken))
        {
            throw OrganizationErrors.AlreadyExists(organizationId);
        }

        var stamp = caller.Stamp(clock);
        var budget = command.BudgetId is { } budgetId
            ? await budgets.GetAsync(budgetId, cancellationToken) ?? throw BudgetErrors.BudgetNotFound(budgetId)
            : null;
        if (budget is null)
        {
            budget = Budget.Create(command.ToBudgetSettings(), stamp);
            budgets.Add(budget);
        }

        var organization = Organization.Create(organizationId, command.ToSettings(), budget, stamp);
        if (command.ObjectPermission is { } permission)
        {
            organization.SetPermission(permission.ToSettings());
        }

        organizations.Add(organization);
        var created = organization.ToDto();
        audit.Record(AuditAction.Created, AuditTables.Organizations, organization.OrganizationId, before: null, after: created);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return created;
    }
}
