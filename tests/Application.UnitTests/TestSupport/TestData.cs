using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>Entities as they were stored before the test: created by an admin, ten days before the clock's now.</summary>
public static class TestData
{
    public const string CreatedBy = "creator";

    public static readonly DateTime Earlier = FixedClock.DefaultNow.UtcDateTime.AddDays(-10);

    /// <summary>The stamp of the rows stored before the test.</summary>
    public static readonly AuditStamp Stamp = new(CreatedBy, Earlier);

    public static User User(string userId, UserRole role = UserRole.InternalUser, string? email = null, DateTime? createdAt = null) =>
        Domain.Users.User.Create(userId, role, new UserProfile { UserEmail = email }, new AuditStamp(CreatedBy, createdAt ?? Earlier));

    /// <summary>A key whose secret is <paramref name="plaintext"/>, so its token is <c>TestSecrets.Hash(plaintext)</c>.</summary>
    public static VirtualKey Key(string plaintext, string? userId, KeySettings? settings = null, DateTime? createdAt = null) =>
        VirtualKey.Issue(TestSecrets.Stored(plaintext), userId, settings ?? new KeySettings(), new AuditStamp(CreatedBy, createdAt ?? Earlier));

    public static Team Team(string teamId, params (string UserId, TeamRole Role)[] members)
    {
        var team = Domain.Teams.Team.Create(teamId, new TeamSettings(), new AuditStamp(CreatedBy, Earlier));
        foreach (var (userId, role) in members)
        {
            team.AddMember(new TeamMember(userId, $"{userId}@example.com", role), new AuditStamp(CreatedBy, Earlier));
        }

        return team;
    }

    public static Project Project(string projectId, string teamId) =>
        Domain.Projects.Project.Create(projectId, teamId, new ProjectSettings(), new AuditStamp(CreatedBy, Earlier));
}
