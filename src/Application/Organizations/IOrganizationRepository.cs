using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Organizations;

/// <summary>Loads and stages organizations (with their members, budget row and object permission).</summary>
public interface IOrganizationRepository
{
    /// <summary>The organization, tracked, or null.</summary>
    Task<Organization?> GetAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>The organization, untracked (only judged or shown), or null.</summary>
    Task<Organization?> ReadAsync(string organizationId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string organizationId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="organizationIds"/> that exist, tracked.</summary>
    Task<List<Organization>> GetManyAsync(IReadOnlyCollection<string> organizationIds, CancellationToken cancellationToken);

    /// <summary>The organizations any of <paramref name="userIds"/> is a member of, tracked.</summary>
    Task<List<Organization>> GetWithMembersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>Every organization, or those <paramref name="memberUserId"/> is a member of, untracked, by alias then id.</summary>
    Task<List<Organization>> ListAsync(string? memberUserId, CancellationToken cancellationToken);

    /// <summary>The role <paramref name="userId"/> has in the organization, or null when it is no member.</summary>
    Task<OrganizationRole?> RoleOfAsync(string organizationId, string userId, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="userId"/> is an <c>org_admin</c> of the organization team <paramref name="teamId"/> is in.</summary>
    Task<bool> AdministersOrganizationOfTeamAsync(string teamId, string userId, CancellationToken cancellationToken);

    /// <summary>The ids of the organizations <paramref name="userId"/> is an <c>org_admin</c> of.</summary>
    Task<List<string>> AdministeredByAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The teams in the organizations, untracked, by alias then id.</summary>
    Task<List<Team>> TeamsOfAsync(IReadOnlyCollection<string> organizationIds, CancellationToken cancellationToken);

    /// <summary>The ids of every team in the organizations.</summary>
    Task<List<string>> TeamIdsInAsync(IReadOnlyCollection<string> organizationIds, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> ids of the teams in the organization, and how many there are.</summary>
    Task<(List<string> TeamIds, int Total)> TeamIdsOfAsync(string organizationId, int limit, CancellationToken cancellationToken);

    void Add(Organization organization);

    void Remove(Organization organization);
}
