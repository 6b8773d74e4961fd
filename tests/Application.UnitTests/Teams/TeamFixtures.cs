using Moq;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.UnitTests.Teams;

/// <summary>Teams with limits and members, as stored before the test (created ten days before the clock's now).</summary>
public static class TeamFixtures
{
    public static Team Team(string teamId, TeamSettings settings, params (string UserId, TeamRole Role)[] members)
    {
        var team = Domain.Teams.Team.Create(teamId, settings, new AuditStamp(TestData.CreatedBy, TestData.Earlier));
        foreach (var (userId, role) in members)
        {
            team.AddMember(new TeamMember(userId, $"{userId}@example.com", role), new AuditStamp(TestData.CreatedBy, TestData.Earlier));
        }

        return team;
    }

    /// <summary>A team whose <paramref name="admin"/> administers it and <paramref name="member"/> only belongs to it.</summary>
    public static Team TeamWithAdminAndMember(string teamId, string admin, string member, TeamSettings? settings = null) =>
        Team(teamId, settings ?? new TeamSettings(), (admin, TeamRole.Admin), (member, TeamRole.User));

}
