using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Projects;

/// <summary>
/// Who may see or change a project, judged by the team that owns it today. A caller outside that team
/// learns nothing (404); a member who may read but not change it gets 403.
/// </summary>
public static class ProjectAccess
{
    public static bool CanRead(this ICurrentCaller caller, Team? owner) =>
        caller.ReadsEverything() || (owner is not null && owner.IsMember(caller.UserId));

    public static bool CanAdminister(this ICurrentCaller caller, Team? owner) =>
        caller.IsProxyAdmin() || (owner is not null && owner.IsAdmin(caller.UserId));

    /// <summary>404 for outsiders, 403 with <paramref name="refusal"/> for members who are not team admins.</summary>
    public static void EnsureAdministers(this ICurrentCaller caller, Team? owner, NotFoundException hidden, string refusal)
    {
        if (caller.CanAdminister(owner))
        {
            return;
        }

        if (!caller.CanRead(owner))
        {
            throw hidden;
        }

        throw new ForbiddenAccessException(refusal);
    }
}
