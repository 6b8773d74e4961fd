using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Organizations.Queries.GetOrganizationInfo;

/// <summary>
/// <c>GET /organization/info?organization_id=</c>: the organization with its budget row, members and teams. Visible to
/// admins, admin viewers and its members; to anyone else it does not exist (LiteLLM shows any organization to any key).
/// Its <c>org_admin</c>s see every team in it; other members the teams they belong to.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record GetOrganizationInfoQuery(string OrganizationId) : IQuery<OrganizationDto>;

public sealed class GetOrganizationInfoQueryValidator : AbstractValidator<GetOrganizationInfoQuery>
{
    public GetOrganizationInfoQueryValidator() =>
        RuleFor(q => q.OrganizationId).NotEmpty().WithMessage("'organization_id' is required.");
}

public sealed class GetOrganizationInfoQueryHandler(IOrganizationRepository organizations, IBudgetRepository budgets, ICurrentCaller caller, EntityTags tags)
    : IQueryHandler<GetOrganizationInfoQuery, OrganizationDto>
{
    public async ValueTask<OrganizationDto> Handle(GetOrganizationInfoQuery query, CancellationToken cancellationToken)
    {
        var organization = caller.EnsureVisible(await organizations.ReadAsync(query.OrganizationId, cancellationToken), query.OrganizationId);
        tags.Answer(AuditTables.Organizations, organization.OrganizationId, organization.Version);
        var shown = await OrganizationView.ShowAsync([organization], organizations, budgets, caller, cancellationToken);
        return shown[0];
    }
}
