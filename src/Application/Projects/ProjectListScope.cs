using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Application.Projects;

/// <summary>Which teams' projects the caller may list, judged against the memberships stored now.</summary>
public sealed class ProjectListScope(ITeamRepository teams, ICurrentCaller caller)
{
    /// <summary>
    /// Null means "every team" (admins and viewers without a filter). A non-admin filtering by a team it
    /// is not in gets a 404 for that team.
    /// </summary>
    public async Task<IReadOnlyCollection<string>?> TeamFilterAsync(string? requestedTeamId, CancellationToken cancellationToken)
    {
        if (caller.ReadsEverything())
        {
            return requestedTeamId is null ? null : [requestedTeamId];
        }

        var own = await teams.GetTeamIdsOfMemberAsync(caller.UserId, cancellationToken);
        if (requestedTeamId is null)
        {
            return own;
        }

        return own.Contains(requestedTeamId) ? [requestedTeamId] : throw ProjectErrors.TeamNotFound(requestedTeamId);
    }
}
