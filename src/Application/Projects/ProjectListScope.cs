using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Application.Projects;

/// <summary>Which teams' projects the caller may list, judged against the memberships stored now.</summary>
public sealed class ProjectListScope(ITeamRepository teams, ICurrentCaller caller)
{
    /// <summary>
    /// Null means "every team" (admins and viewers without a filter). A user lists the teams it is a member of, a
    /// service account its own team. Filtering by a team outside that gets a 404 for that team.
    /// </summary>
    public async Task<IReadOnlyCollection<string>?> TeamFilterAsync(string? requestedTeamId, CancellationToken cancellationToken)
    {
        if (caller.ReadsEverything())
        {
            return requestedTeamId is null ? null : [requestedTeamId];
        }

        var principal = caller.Principal;
        IReadOnlyCollection<string> own = principal.UserId is { } userId
            ? await teams.GetTeamIdsOfMemberAsync(userId, cancellationToken)
            : principal.TeamId is { } serviceTeam ? [serviceTeam] : [];
        if (requestedTeamId is null)
        {
            return own;
        }

        return own.Contains(requestedTeamId) ? [requestedTeamId] : throw ProjectErrors.TeamNotFound(requestedTeamId);
    }
}
