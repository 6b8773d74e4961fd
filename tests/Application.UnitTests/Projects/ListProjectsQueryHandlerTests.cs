using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Projects.Queries.ListProjects;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Projects;

public sealed class ListProjectsQueryHandlerTests
{
    private HandlerPorts _ports = null!;
    private InMemoryReadRepository _reads = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _reads = new InMemoryReadRepository();
        _reads.Seed(
            ProjectFixtures.Project("p3", "t2", minutesAfterEarlier: 3),
            ProjectFixtures.Project("p1", "t1", ProjectFixtures.Budget(maxBudget: 5), minutesAfterEarlier: 1),
            ProjectFixtures.Project("p4", "t3", minutesAfterEarlier: 4),
            ProjectFixtures.Project("p2", "t1", minutesAfterEarlier: 2));
        _ports.Teams.Setup(r => r.GetTeamIdsOfMemberAsync("bob", It.IsAny<CancellationToken>())).ReturnsAsync(["t1", "t3"]);
    }

    [Test]
    public async Task ShouldStreamEveryProjectOldestFirstForAnAdmin()
    {
        var projects = await Handle(new ListProjectsQuery(null), TestCaller.Admin());

        Assert.That(projects.Select(p => p.ProjectId), Is.EqualTo(new[] { "p1", "p2", "p3", "p4" }));
        Assert.That(projects[0].LitellmBudgetTable!.MaxBudget, Is.EqualTo(5));
    }

    [Test]
    public async Task ShouldFilterByTeamForAnAdminViewer()
    {
        var projects = await Handle(new ListProjectsQuery("t1"), TestCaller.AdminViewer());

        Assert.That(projects.Select(p => p.ProjectId), Is.EqualTo(new[] { "p1", "p2" }));
    }

    [Test]
    public async Task ShouldListOnlyTheProjectsOfTheCallersTeamsForOthers()
    {
        var projects = await Handle(new ListProjectsQuery(null), TestCaller.InternalUser("bob"));

        Assert.That(projects.Select(p => p.ProjectId), Is.EqualTo(new[] { "p1", "p2", "p4" }));
    }

    [Test]
    public async Task ShouldLetAMemberFilterByTheirOwnTeam()
    {
        var projects = await Handle(new ListProjectsQuery("t3"), TestCaller.InternalUser("bob"));

        Assert.That(projects.Select(p => p.ProjectId), Is.EqualTo(new[] { "p4" }));
    }

    [Test]
    public void ShouldHideATeamTheCallerIsNotIn()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new ListProjectsQuery("t2"), TestCaller.InternalUser("bob")));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        Assert.That(_reads.Specifications, Is.Empty);
    }

    [Test]
    public async Task ShouldListTheProjectsOfItsOwnTeamForAServiceAccount()
    {
        var projects = await Handle(new ListProjectsQuery(null), TestCaller.ServiceAccount("t2"));

        Assert.That(projects.Select(p => p.ProjectId), Is.EqualTo(new[] { "p3" }));
        _ports.Teams.Verify(r => r.GetTeamIdsOfMemberAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "a service account is a member of nothing");
    }

    [Test]
    public async Task ShouldListNothingForAKeyWithNeitherUserNorTeam() =>
        Assert.That(await Handle(new ListProjectsQuery(null), TestCaller.ServiceAccount(teamId: null)), Is.Empty);

    [Test]
    public void ShouldHideAnotherTeamFromAServiceAccount() =>
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new ListProjectsQuery("t1"), TestCaller.ServiceAccount("t2")));

    private async Task<List<ProjectDto>> Handle(ListProjectsQuery query, ICurrentCaller caller)
    {
        var stream = await new ListProjectsQueryHandler(_reads, new ProjectListScope(_ports.Teams.Object, _ports.Organizations.Object, _ports.StandingOf(caller), caller)).Handle(query, CancellationToken.None);
        var projects = new List<ProjectDto>();
        await foreach (var project in stream)
        {
            projects.Add(project);
        }

        return projects;
    }
}
