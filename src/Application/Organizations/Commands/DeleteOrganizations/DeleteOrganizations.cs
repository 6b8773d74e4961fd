using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.Organizations.Commands.DeleteOrganizations;

/// <summary>
/// <c>DELETE /organization/delete</c>: deletes the organizations named, with their memberships, all or none. An
/// organization that still has teams is refused (409 naming them; LiteLLM deletes the teams and their keys with it).
/// The budget row goes with the organization unless something else links it or it was made by <c>/budget/new</c>.
/// Proxy admins only.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only proxy admins can delete organizations")]
public sealed record DeleteOrganizationsCommand : ICommand<List<OrganizationDto>>
{
    public required List<string> OrganizationIds { get; init; }
}

public sealed class DeleteOrganizationsCommandValidator : AbstractValidator<DeleteOrganizationsCommand>
{
    public const int MaxIds = 1000;

    public DeleteOrganizationsCommandValidator()
    {
        RuleFor(c => c.OrganizationIds).NotEmpty().WithMessage("'organization_ids' must name at least one organization.");
        RuleFor(c => c.OrganizationIds).Must(ids => ids is null || ids.Count <= MaxIds).WithMessage($"'organization_ids' may name at most {MaxIds} organizations.");
        RuleForEach(c => c.OrganizationIds).NotEmpty().WithMessage("'organization_ids' must not contain empty values.");
    }
}

public sealed class DeleteOrganizationsCommandHandler(
    IOrganizationRepository organizations,
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    EntityTags tags) : ICommandHandler<DeleteOrganizationsCommand, List<OrganizationDto>>
{
    public async ValueTask<List<OrganizationDto>> Handle(DeleteOrganizationsCommand command, CancellationToken cancellationToken)
    {
        var ids = command.OrganizationIds.Distinct(StringComparer.Ordinal).ToList();
        var found = await organizations.GetManyAsync(ids, cancellationToken);
        if (ids.FirstOrDefault(id => found.TrueForAll(o => o.OrganizationId != id)) is { } missing)
        {
            throw new NotFoundException($"Organization={missing} not found", "organization_ids");
        }

        // Every refusal comes before anything is staged: all or none.
        var deleting = ids.ConvertAll(id => found.First(o => o.OrganizationId == id));
        tags.EnsureCurrent(AuditTables.Organizations, command.OrganizationIds.ConvertAll(id => (id, found.First(o => o.OrganizationId == id).Version)));
        foreach (var organization in deleting)
        {
            var (teamIds, total) = await organizations.TeamIdsOfAsync(organization.OrganizationId, OrganizationErrors.TeamsNamed, cancellationToken);
            if (total > 0)
            {
                throw OrganizationErrors.HasTeams(organization.OrganizationId, teamIds, total);
            }
        }

        var deleted = new List<OrganizationDto>();
        foreach (var organization in deleting)
        {
            var dto = organization.ToDto();
            organizations.Remove(organization);
            audit.Record(AuditAction.Deleted, AuditTables.Organizations, organization.OrganizationId, before: dto, after: null);
            deleted.Add(dto);
        }

        // Rows made for the organizations and their members go with them, unless something else links them meanwhile
        // (a row linked by several of the organizations deleted here goes too).
        var memberBudgetIds = deleting.SelectMany(o => o.Members).Select(m => m.BudgetId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var rows = memberBudgetIds.Count == 0 ? [] : await budgets.GetManyAsync(memberBudgetIds, cancellationToken);
        rows.AddRange(deleting.Select(o => o.Budget).OfType<Budget>());
        foreach (var row in rows.Where(r => !r.Standalone).DistinctBy(r => r.BudgetId))
        {
            if (await budgets.CountLinksAsync(row.BudgetId, cancellationToken) <= deleting.Sum(o => LinksOf(o, row.BudgetId)))
            {
                budgets.Remove(row);
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return deleted;
    }

    /// <summary>How many of a budget row's links are the organization's own (itself, its members).</summary>
    private static int LinksOf(Domain.Organizations.Organization organization, string budgetId) =>
        (organization.BudgetId == budgetId ? 1 : 0) + organization.Members.Count(m => m.BudgetId == budgetId);
}
