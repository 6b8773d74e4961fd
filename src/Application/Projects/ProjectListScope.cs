using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Application.Projects;

/// <summary>Which teams' projects the caller may list, judged against the memberships stored now.</summary>
public sealed class ProjectListScope(ITeamRepository teams, IOrganizationRepository organizations, OrganizationStanding standing, ICurrentCaller caller)
{
    /// <summary>
    /// Null means "every team" (admins and viewers without a filter). A user lists the teams it is a member of and
    /// those of the organizations it is an <c>org_admin</c> of, a service account its own team. Filtering by a team outside that gets a 404 for that team.
    /// </summary>
    public async Task<IReadOnlyCollection<string>?> TeamFilterAsync(string? requestedTeamId, CancellationToken cancellationToken)
    {
        if (caller.ReadsEverything())
        {
            return requestedTeamId is null ? null : [requestedTeamId];
        }

        var principal = caller.Principal;
        IReadOnlyCollection<string> own = principal.UserId is { } userId
            ? await TeamsOfUserAsync(userId, cancellationToken)
            : principal.TeamId is { } serviceTeam ? [serviceTeam] : [];
        if (requestedTeamId is null)
        {
            return own;
        }

        return own.Contains(requestedTeamId) ? [requestedTeamId] : throw ProjectErrors.TeamNotFound(requestedTeamId);
    }

    private async Task<IReadOnlyCollection<string>> TeamsOfUserAsync(string userId, CancellationToken cancellationToken)
    {
        var memberOf = await teams.GetTeamIdsOfMemberAsync(userId, cancellationToken);
        var administered = await standing.AdministeredAsync(cancellationToken);
        return administered.Count == 0
            ? memberOf
            : [.. memberOf.Union(await organizations.TeamIdsInAsync(administered, cancellationToken), StringComparer.Ordinal)];
    }
}
