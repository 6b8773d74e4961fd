using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Queries;

/// <summary>
/// Teams for list routes, with members and object permission loaded in the same query. <c>memberId</c>
/// narrows to the teams a user belongs to; the organization <c>default_organization</c> means "none".
/// </summary>
public sealed class TeamsMatching : Specification<Team>
{
    public const string DefaultOrganization = "default_organization";

    public TeamsMatching(string? memberId, string? organizationId, string? aliasSearch, (int Page, int PageSize)? page = null)
    {
        if (memberId is not null)
        {
            Where(t => t.Members.Any(m => m.UserId == memberId));
        }

        if (organizationId == DefaultOrganization)
        {
            Where(t => t.OrganizationId == null);
        }
        else if (organizationId is not null)
        {
            Where(t => t.OrganizationId == organizationId);
        }

        if (!string.IsNullOrEmpty(aliasSearch))
        {
            Where(t => t.TeamAlias != null && t.TeamAlias.Contains(aliasSearch));
        }

        Include(t => t.ObjectPermission);
        OrderBy(t => t.TeamAlias);
        OrderBy(t => t.TeamId);
        if (page is { } p)
        {
            Page(p.Page, p.PageSize);
        }
    }
}

/// <summary>A team's keys, newest first, at most <c>limit</c>.</summary>
public sealed class KeysOfTeam : Specification<VirtualKey>
{
    public KeysOfTeam(string teamId, int limit)
    {
        Where(k => k.TeamId == teamId);
        OrderBy(k => k.CreatedAt, descending: true);
        OrderBy(k => k.Id);
        Page(1, limit);
    }
}
