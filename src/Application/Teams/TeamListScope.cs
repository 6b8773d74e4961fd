namespace ProxyAdmin.Application.Teams;

/// <summary>Which teams a caller may list.</summary>
public static class TeamListScope
{
    /// <summary>The member filter to apply: whatever an admin asks for; always the caller for everyone else.</summary>
    public static string? MemberFilter(ICurrentCaller caller, string? requestedUserId)
    {
        if (caller.ReadsEverything())
        {
            return requestedUserId;
        }

        if (requestedUserId is not null && requestedUserId != caller.UserId)
        {
            throw new ForbiddenAccessException($"Only admin users can query all teams/other teams. Your user role={RoleNames.ToWire(caller.Role)}");
        }

        return caller.UserId;
    }
}
