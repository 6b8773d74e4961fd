using Moq;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Queries.ListTeams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class ListTeamsQueryHandlerTests
{
    private InMemoryReadRepository _reads = null!;
    private readonly Mock<IOrganizationRepository> _organizations = new();

    [SetUp]
    public void SetUp()
    {
        _reads = new InMemoryReadRepository();
        _reads.Seed(
            TeamFixtures.Team("t-c", new TeamSettings { TeamAlias = "charlie", OrganizationId = "org-1" }, ("alice", TeamRole.Admin)),
            TeamFixtures.Team("t-a", new TeamSettings { TeamAlias = "alpha" }, ("bob", TeamRole.Admin), ("alice", TeamRole.User)),
            TeamFixtures.Team("t-b", new TeamSettings { TeamAlias = "bravo", OrganizationId = "org-1" }, ("bob", TeamRole.User)),
            TeamFixtures.Team("t-d", new TeamSettings { TeamAlias = "delta", OrganizationId = "org-2" }));
    }

    [Test]
    public async Task ShouldListEveryTeamByAliasForAnAdmin()
    {
        var teams = await Handle(new ListTeamsQuery(null, null), TestCaller.Admin());

        Assert.That(teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t-a", "t-b", "t-c", "t-d" }));
        Assert.That(teams[0].Admins, Is.EqualTo(new[] { "bob" }));
        Assert.That(teams[0].Members, Is.EqualTo(new[] { "alice" }));
    }

    [Test]
    public async Task ShouldListTheTeamsOfTheOrganizationsAUserAdministersBesideItsOwn()
    {
        _organizations.Setup(r => r.AdministeredByAsync("alice", It.IsAny<CancellationToken>())).ReturnsAsync(["org-2"]);

        var teams = await Handle(new ListTeamsQuery(null, null), TestCaller.InternalUser("alice"));

        Assert.That(teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t-a", "t-c", "t-d" }));
    }

    [Test]
    public async Task ShouldListOneUsersTeamsForAnAdminViewer()
    {
        var teams = await Handle(new ListTeamsQuery("alice", null), TestCaller.AdminViewer());

        Assert.That(teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t-a", "t-c" }));
    }

    [Test]
    public async Task ShouldListOnlyTheCallersOwnTeamsForOthers()
    {
        var teams = await Handle(new ListTeamsQuery(null, null), TestCaller.InternalUser("bob"));

        Assert.That(teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t-a", "t-b" }));
    }

    [Test]
    public async Task ShouldLetAUserAskForTheirOwnTeamsByName()
    {
        var teams = await Handle(new ListTeamsQuery("bob", null), TestCaller.InternalUser("bob"));

        Assert.That(teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t-a", "t-b" }));
    }

    [Test]
    public void ShouldForbidAUserToListSomeoneElsesTeams()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new ListTeamsQuery("alice", null), TestCaller.InternalUser("bob")));

        Assert.That(refused!.Message, Does.Contain("internal_user"));
        Assert.That(_reads.Specifications, Is.Empty);
    }

    [Test]
    public async Task ShouldFilterByOrganizationWithDefaultOrganizationMeaningNone()
    {
        var inOrg = await Handle(new ListTeamsQuery(null, "org-1"), TestCaller.Admin());
        var withoutOrg = await Handle(new ListTeamsQuery(null, "default_organization"), TestCaller.Admin());

        Assert.That(inOrg.Select(t => t.TeamId), Is.EqualTo(new[] { "t-b", "t-c" }));
        Assert.That(withoutOrg.Select(t => t.TeamId), Is.EqualTo(new[] { "t-a" }));
    }

    [Test]
    public async Task ShouldListOnlyItsOwnTeamForAServiceAccountWhichIsAMemberOfNothing()
    {
        var teams = await Handle(new ListTeamsQuery(null, null), TestCaller.ServiceAccount("t-b"));

        Assert.That(teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t-b" }));
    }

    [Test]
    public async Task ShouldListNothingForAKeyWithNeitherUserNorTeam()
    {
        var teams = await Handle(new ListTeamsQuery(null, null), TestCaller.ServiceAccount(teamId: null));

        Assert.That(teams, Is.Empty, "no user and no team must never mean 'no filter'");
        Assert.That(_reads.Specifications, Is.Empty);
    }

    [Test]
    public void ShouldForbidAServiceAccountToListAUsersTeams()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new ListTeamsQuery("bob", null), TestCaller.ServiceAccount("t-b")));

        Assert.That(_reads.Specifications, Is.Empty);
    }

    private async Task<List<TeamDto>> Handle(ListTeamsQuery query, ICurrentCaller caller) =>
        await new ListTeamsQueryHandler(_reads, caller, new OrganizationStanding(_organizations.Object, caller)).Handle(query, CancellationToken.None);
}
