using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Projects;

/// <summary>
/// Who may see or change a project, judged by the team that owns it today (<see cref="Team.IsVisibleTo(Domain.Common.Principal, bool)"/>,
/// <see cref="Team.IsAdministeredBy(Domain.Common.Principal, bool)"/>; a missing team is visible to and administered by
/// nobody but admins). A caller outside that team learns nothing (404); a member who may read but not change it gets
/// 403. <c>administersOrganization</c> is whether the caller is an <c>org_admin</c> of the team's organization.
/// </summary>
public static class ProjectAccess
{
    public static bool CanRead(ICurrentCaller caller, Team? owner, bool administersOrganization = false) =>
        owner?.IsVisibleTo(caller.Principal, administersOrganization) ?? caller.ReadsEverything();

    /// <summary>
    /// <see cref="CanRead(ICurrentCaller, Team?, bool)"/> without loading the team: <paramref name="userIsMember"/> is null when
    /// the team does not exist (<see cref="ProjectRead.UserIsMember"/>).
    /// </summary>
    public static bool CanRead(ICurrentCaller caller, string teamId, bool? userIsMember) =>
        userIsMember is { } isMember ? Team.IsVisibleByMembership(caller.Principal, teamId, isMember) : caller.ReadsEverything();

    public static bool CanAdminister(ICurrentCaller caller, Team? owner, bool administersOrganization = false) =>
        owner?.IsAdministeredBy(caller.Principal, administersOrganization) ?? caller.IsProxyAdmin();

    /// <summary>404 for outsiders, 403 with <paramref name="refusal"/> for members who are not team admins.</summary>
    public static void EnsureAdministers(this ICurrentCaller caller, Team? owner, NotFoundException hidden, string refusal, bool administersOrganization = false)
    {
        if (CanAdminister(caller, owner, administersOrganization))
        {
            return;
        }

        if (!CanRead(caller, owner, administersOrganization))
        {
            throw hidden;
        }

        throw new ForbiddenAccessException(refusal);
    }
}
