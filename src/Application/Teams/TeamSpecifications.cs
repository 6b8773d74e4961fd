using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>
/// Teams for list routes, with members, object permission and member budget loaded in the same query. <c>memberId</c>
/// narrows to the teams a user belongs to (and, with <c>administeredOrganizations</c>, the teams of the organizations it
/// is an <c>org_admin</c> of), <c>teamId</c> to one team; the organization <c>default_organization</c>
/// means "none". Sorted by alias (teams without one first), then id: a total order; <c>after</c> starts after the
/// position of the last team shown.
/// </summary>
public sealed class TeamsMatching : Specification<Team>
{
    public const string DefaultOrganization = "default_organization";

    public TeamsMatching(
        string? memberId,
        string? teamId,
        string? organizationId,
        string? aliasSearch,
        PageWindow? window = null,
        TeamPosition? after = null,
        IReadOnlyCollection<string>? administeredOrganizations = null)
    {
        if (memberId is not null && administeredOrganizations is { Count: > 0 } organizations)
        {
            Query.Where(t => t.Members.Any(m => m.UserId == memberId) || (t.OrganizationId != null && organizations.Contains(t.OrganizationId)));
        }
        else if (memberId is not null)
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

        if (after is { HasAlias: true, TeamAlias: { } alias } named)
        {
            var id = named.TeamId;
            Query.Where(t => t.TeamAlias != null && string.Compare(t.TeamAlias, alias) >= 0 && (string.Compare(t.TeamAlias, alias) > 0 || string.Compare(t.TeamId, id) > 0));
        }
        else if (after is { } unnamed)
        {
            var id = unnamed.TeamId;
            Query.Where(t => t.TeamAlias != null || string.Compare(t.TeamId, id) > 0);
        }

        Query.Include(t => t.ObjectPermission);
        Query.Include(t => t.TeamMemberBudget);
        // Teams without an alias first, spelled out: SQLite and SQL Server sort NULL first, PostgreSQL last.
        Query.OrderBy(t => t.TeamAlias != null).ThenBy(t => t.TeamAlias).ThenBy(t => t.TeamId);
        if (window is { } w)
        {
            Query.Window(w);
        }
    }
}

/// <summary>Where a team stands in the list order: whether it has an alias, the alias, its id.</summary>
public readonly record struct TeamPosition(bool HasAlias, string? TeamAlias, string TeamId)
{
    public static TeamPosition Of(Team team) => new(team.TeamAlias is not null, team.TeamAlias, team.TeamId);
}
