using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Organizations;

/// <summary>
/// Whether the caller is an <c>org_admin</c> of an organization, read from the database when a rule needs it (never
/// from a cache: inside a command it is read in the command's transaction). Remembered for the rest of the request by each user of it (it is transient).
/// </summary>
public sealed class OrganizationStanding(IOrganizationRepository organizations, ICurrentCaller caller)
{
    // Made on first use: most requests never ask, and this service is part of every project read.
    private Dictionary<(string UserId, string OrganizationId), bool>? _administers;

    /// <summary>Whether the caller's user is an <c>org_admin</c> of <paramref name="organizationId"/>; false for no organization.</summary>
    public async ValueTask<bool> AdministersAsync(string? organizationId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(organizationId) || caller.Principal.UserId is not { } userId)
        {
            return false;
        }

        _administers ??= [];
        if (!_administers.TryGetValue((userId, organizationId), out var administers))
        {
            administers = await organizations.RoleOfAsync(organizationId, userId, cancellationToken) == OrganizationRole.OrgAdmin;
            _administers[(userId, organizationId)] = administers;
        }

        return administers;
    }

    /// <summary>
    /// Whether the caller administers <paramref name="team"/>'s organization, asked only when the team alone does not
    /// already decide (a proxy admin or one of its team admins), so most requests read nothing more.
    /// </summary>
    public ValueTask<bool> AdministersOrganizationOfAsync(Team? team, CancellationToken cancellationToken) =>
        team?.OrganizationId is null || team.IsAdministeredBy(caller.Principal)
            ? ValueTask.FromResult(false)
            : AdministersAsync(team.OrganizationId, cancellationToken);

    /// <summary>Whether the caller's user is an <c>org_admin</c> of the organization of the team <paramref name="teamId"/> (one query, the team not loaded).</summary>
    public async Task<bool> AdministersOrganizationOfTeamAsync(string teamId, CancellationToken cancellationToken) =>
        caller.Principal.UserId is { } userId && await organizations.AdministersOrganizationOfTeamAsync(teamId, userId, cancellationToken);

    /// <summary>The organizations the caller's user is an <c>org_admin</c> of; none for the master key and service accounts.</summary>
    public async Task<List<string>> AdministeredAsync(CancellationToken cancellationToken) =>
        caller.Principal.UserId is { } userId ? await organizations.AdministeredByAsync(userId, cancellationToken) : [];
}
