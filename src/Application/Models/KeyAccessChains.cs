using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Models;

/// <summary>Loads the rows above a key (<see cref="KeyAccessChain"/>): its team, project, organization and user.</summary>
public sealed class KeyAccessChains(ITeamRepository teams, IProjectRepository projects, IOrganizationRepository organizations, IUserRepository users)
{
    /// <param name="userId">The user the key acts for (the principal's; a key's own <c>user_id</c> otherwise).</param>
    public async Task<KeyAccessChain> ForAsync(VirtualKey? key, string? userId, CancellationToken cancellationToken)
    {
        var team = key?.TeamId is { } teamId ? await teams.GetAsync(teamId, cancellationToken) : null;
        var project = key?.ProjectId is { } projectId ? await projects.GetAsync(projectId, cancellationToken) : null;
        var organization = (key?.OrganizationId ?? team?.OrganizationId) is { } organizationId ? await organizations.GetAsync(organizationId, cancellationToken) : null;
        var user = userId is not null ? await users.GetAsync(userId, cancellationToken) : null;
        return new KeyAccessChain(key, team, project, organization, user);
    }
}
