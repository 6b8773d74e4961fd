namespace ProxyAdmin.Application.Teams;

/// <summary>Which teams a caller may list.</summary>
public static class TeamListScope
{
    /// <summary>
    /// The filter to apply. Admins and viewers: whatever they ask for (<c>user_id</c> or nothing). A user: the teams
    /// it is a member of. A service account: its own team, or none without one. Asking for another user's teams
    /// is refused to everyone who does not read everything.
    /// </summary>
    /// <returns><c>SeesAny</c> false when nothing may be listed; otherwise the member and team filters (null: no filter).</returns>
    public static (bool SeesAny, string? MemberId, string? TeamId) For(ICurrentCaller caller, string? requestedUserId)
    {
        if (caller.ReadsEverything())
        {
            return (true, requestedUserId, null);
        }

        var principal = caller.Principal;
        if (requestedUserId is not null && requestedUserId != principal.UserId)
        {
            throw new ForbiddenAccessException($"Only admin users can query all teams/other teams. Your user role={RoleNames.ToWire(principal.Role)}");
        }

        if (principal.UserId is { } userId)
        {
            return (true, userId, null);
        }

        return principal.TeamId is { } teamId ? (true, null, teamId) : (false, null, null);
    }
}
