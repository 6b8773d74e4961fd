using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.Organizations.Commands.UpdateOrganization;

/// <summary>
/// <c>PATCH /organization/update</c>: changes only the fields sent (<c>metadata</c> is merged); the budget fields change
/// the organization's budget row, and <c>budget_id</c> links another row instead. The teams already in the organization
/// must still fit within it afterwards (their models and limits; lower a team first), and a budget row shared with
/// projects keeps within their teams. Proxy admins only (LiteLLM lets any user with a user id update any organization).
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only proxy admins can update organizations")]
public sealed record UpdateOrganizationCommand : OrganizationRequestFields, ICommand<OrganizationDto>
{
    public required string OrganizationId { get; init; }
}

public sealed class UpdateOrganizationCommandValidator : OrganizationRequestValidator<UpdateOrganizationCommand>
{
    public UpdateOrganizationCommandValidator() =>
        RuleFor(c => c.OrganizationId).NotEmpty().WithMessage("'organization_id' is required.");
}

public sealed class UpdateOrganizationCommandHandler(
    IOrganizationRepository organizations,
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    EntityTags tags,
    TimeProvider clock) : ICommandHandler<UpdateOrganizationCommand, OrganizationDto>
{
    public async ValueTask<OrganizationDto> Handle(UpdateOrganizationCommand command, CancellationToken cancellationToken)
    {
        var organization = await organizations.GetAsync(command.OrganizationId, cancellationToken) ?? throw OrganizationErrors.NotFound(command.OrganizationId);
        tags.EnsureCurrent(AuditTables.Organizations, organization.OrganizationId, organization.Version);
        var before = organization.ToDto();
        var stamp = caller.Stamp(clock);
        var budgetChanges = command.ToBudgetSettings();
        if (command.BudgetId is { } budgetId && budgetId != organization.BudgetId)
        {
            organization.LinkBudget(await budgets.GetAsync(budgetId, cancellationToken) ?? throw BudgetErrors.BudgetNotFound(budgetId));
        }
        else if (!budgetChanges.IsEmpty && organization.Budget is { } budget)
        {
            await budgets.EnsureWithinLinkingTeamsAsync(budget, budgetChanges, exceptProjectId: null, cancellationToken);
            budget.Update(budgetChanges, stamp);
        }

        organization.Update(command.ToSettings(), stamp);
        OrganizationLimits.EnsureTeamsFit(organization, await organizations.TeamsOfAsync([organization.OrganizationId], cancellationToken));
        if (command.ObjectPermission is { } permission)
        {
            organization.SetPermission(permission.ToSettings());
        }

        var after = organization.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Organizations, organization.OrganizationId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        tags.Answer(AuditTables.Organizations, organization.OrganizationId, organization.Version);
        return after;
    }
}
