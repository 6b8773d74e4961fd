using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Projects;

/// <summary>
/// Who may see or change a project, judged by the team that owns it today (<see cref="Team.IsVisibleTo"/>,
/// <see cref="Team.IsAdministeredBy"/>; a missing team is visible to and administered by nobody but admins).
/// A caller outside that team learns nothing (404); a member who may read but not change it gets 403.
/// </summary>
public static class ProjectAccess
{
    public static bool CanRead(ICurrentCaller caller, Team? owner) =>
        owner?.IsVisibleTo(caller.Principal) ?? caller.ReadsEverything();

    /// <summary>
    /// <see cref="CanRead(ICurrentCaller, Team?)"/> without loading the team: <paramref name="userIsMember"/> is null when
    /// the team does not exist (<see cref="ProjectRead.UserIsMember"/>).
    /// </summary>
    public static bool CanRead(ICurrentCaller caller, string teamId, bool? userIsMember) =>
        userIsMember is { } isMember ? Team.IsVisibleByMembership(caller.Principal, teamId, isMember) : caller.ReadsEverything();

    public static bool CanAdminister(ICurrentCaller caller, Team? owner) =>
        owner?.IsAdministeredBy(caller.Principal) ?? caller.IsProxyAdmin();

    /// <summary>404 for outsiders, 403 with <paramref name="refusal"/> for members who are not team admins.</summary>
    public static void EnsureAdministers(this ICurrentCaller caller, Team? owner, NotFoundException hidden, string refusal)
    {
        if (CanAdminister(caller, owner))
        {
            return;
        }

        if (!CanRead(caller, owner))
        {
            throw hidden;
        }

        throw new ForbiddenAccessException(refusal);
    }
}
