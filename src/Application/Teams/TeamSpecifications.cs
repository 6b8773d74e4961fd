using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>
/// Teams for list routes, with members, object permission and member budget loaded in the same query. <c>memberId</c>
/// narrows to the teams a user belongs to, <c>teamId</c> to one team; the organization <c>default_organization</c>
/// means "none".
/// </summary>
public sealed class TeamsMatching : Specification<Team>
{
    public const string DefaultOrganization = "default_organization";

    public TeamsMatching(string? memberId, string? teamId, string? organizationId, string? aliasSearch, (int Page, int PageSize)? page = null)
    {
        if (memberId is not null)
        {
            Query.Where(t => t.Members.Any(m => m.UserId == memberId));
        }

        if (teamId is not null)
        {
            Query.Where(t => t.TeamId == teamId);
        }

        if (organizationId == DefaultOrganization)
        {
            Query.Where(t => t.OrganizationId == null);
        }
        else if (organizationId is not null)
        {
            Query.Where(t => t.OrganizationId == organizationId);
        }

        if (!string.IsNullOrEmpty(aliasSearch))
        {
            Query.Where(t => t.TeamAlias != null && t.TeamAlias.Contains(aliasSearch));
        }

        Query.Include(t => t.ObjectPermission);
        Query.Include(t => t.TeamMemberBudget);
        // Teams without an alias first, spelled out: SQLite and SQL Server sort NULL first, PostgreSQL last.
        Query.OrderBy(t => t.TeamAlias != null).ThenBy(t => t.TeamAlias).ThenBy(t => t.TeamId);
        if (page is { } p)
        {
            Query.Page(p.Page, p.PageSize);
        }
    }
}
