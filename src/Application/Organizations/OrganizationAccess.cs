using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.Organizations;

/// <summary>
/// Who may see or change an organization (<see cref="Organization.IsVisibleTo"/>, <see cref="Organization.IsAdministeredBy"/>),
/// judged against the stored organization. A caller outside it learns nothing, not even that it exists (404); a member
/// who may read but not change it gets 403.
/// </summary>
public static class OrganizationAccess
{
    public static Organization EnsureVisible(this ICurrentCaller caller, Organization? organization, string organizationId) =>
        organization is not null && organization.IsVisibleTo(caller.Principal) ? organization : throw OrganizationErrors.NotFound(organizationId);

    public static Organization EnsureAdministrable(this ICurrentCaller caller, Organization? organization, string organizationId, string action)
    {
        organization = caller.EnsureVisible(organization, organizationId);
        return organization.IsAdministeredBy(caller.Principal)
            ? organization
            : throw new ForbiddenAccessException($"Only proxy admins or org admins of organization {organizationId} can {action}.");
    }
}
