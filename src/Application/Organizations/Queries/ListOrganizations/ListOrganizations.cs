using ProxyAdmin.Application.Budgets;

namespace ProxyAdmin.Application.Organizations.Queries.ListOrganizations;

/// <summary>
/// <c>GET /organization/list</c>: every organization for admins and admin viewers; the organizations the caller is a
/// member of for everyone else (none for a key without a user). Each with its budget row, members and the teams the
/// caller may see, by alias then id.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record ListOrganizationsQuery : IQuery<List<OrganizationDto>>;

public sealed class ListOrganizationsQueryHandler(IOrganizationRepository organizations, IBudgetRepository budgets, ICurrentCaller caller)
    : IQueryHandler<ListOrganizationsQuery, List<OrganizationDto>>
{
    public async ValueTask<List<OrganizationDto>> Handle(ListOrganizationsQuery query, CancellationToken cancellationToken)
    {
        if (!caller.ReadsEverything() && caller.Principal.UserId is null)
        {
            return [];
        }

        var listed = await organizations.ListAsync(caller.ReadsEverything() ? null : caller.Principal.UserId, cancellationToken);
        return await OrganizationView.ShowAsync(listed, organizations, budgets, caller, cancellationToken);
    }
}
