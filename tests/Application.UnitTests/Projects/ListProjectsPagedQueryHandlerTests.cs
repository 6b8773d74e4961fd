using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Projects.Queries.ListProjectsPaged;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.UnitTests.Projects;

public sealed class ListProjectsPagedQueryHandlerTests
{
    private HandlerPorts _ports = null!;
    private InMemoryReadRepository _reads = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _reads = new InMemoryReadRepository();
        _reads.Seed(
            ProjectFixtures.Project("p1", "t1", settings: new ProjectSettings { ProjectAlias = "support-bot" }, minutesAfterEarlier: 1),
            ProjectFixtures.Project("p5", "t2", settings: new ProjectSettings { ProjectAlias = "support-tools" }, minutesAfterEarlier: 5),
            ProjectFixtures.Project("p2", "t1", settings: new ProjectSettings { ProjectAlias = "search" }, minutesAfterEarlier: 2),
            ProjectFixtures.Project("p4", "t1", settings: new ProjectSettings { ProjectAlias = "support-mail" }, minutesAfterEarlier: 4),
            ProjectFixtures.Project("p3", "t2", minutesAfterEarlier: 3));
        _ports.Teams.Setup(r => r.GetTeamIdsOfMemberAsync("bob", It.IsAny<CancellationToken>())).ReturnsAsync(["t1"]);
    }

    [Test]
    public async Task ShouldReturnOnePageOldestFirstWithTheTotals()
    {
        var page = await Handle(new ListProjectsPagedQuery { Page = 2, PageSize = 2 }, TestCaller.Admin());

        Assert.That(page.Projects.Select(p => p.ProjectId), Is.EqualTo(new[] { "p3", "p4" }));
        Assert.That(page.Total, Is.EqualTo(5));
        Assert.That(page.Page, Is.EqualTo(2));
        Assert.That(page.PageSize, Is.EqualTo(2));
        Assert.That(page.TotalPages, Is.EqualTo(3));
    }

    [Test]
    public async Task ShouldSearchAliasesAndCountOnlyTheMatches()
    {
        var page = await Handle(new ListProjectsPagedQuery { Search = "support", PageSize = 2 }, TestCaller.AdminViewer());

        Assert.That(page.Projects.Select(p => p.ProjectId), Is.EqualTo(new[] { "p1", "p4" }));
        Assert.That(page.Total, Is.EqualTo(3));
        Assert.That(page.TotalPages, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldPageOnlyTheProjectsOfTheCallersTeamsForOthers()
    {
        var page = await Handle(new ListProjectsPagedQuery { Search = "support" }, TestCaller.InternalUser("bob"));

        Assert.That(page.Projects.Select(p => p.ProjectId), Is.EqualTo(new[] { "p1", "p4" }));
        Assert.That(page.Total, Is.EqualTo(2));
    }

    [Test]
    public void ShouldHideATeamTheCallerIsNotIn()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new ListProjectsPagedQuery { TeamId = "t2" }, TestCaller.InternalUser("bob")));

        Assert.That(missing!.Message, Is.EqualTo("Team not found, team_id=t2"));
    }

    private async Task<ProjectPageDto> Handle(ListProjectsPagedQuery query, ICurrentCaller caller) =>
        await new ListProjectsPagedQueryHandler(_reads, new ProjectListScope(_ports.Teams.Object, caller)).Handle(query, CancellationToken.None);
}

public sealed class ListProjectsPagedQueryValidatorTests
{
    private readonly ListProjectsPagedQueryValidator _validator = new();

    [Test]
    public void ShouldAcceptTheDefaults() => Assert.That(_validator.InvalidFields(new ListProjectsPagedQuery()), Is.Empty);

    [Test]
    public void ShouldRejectAPageBelowOneAPageSizeAboveTheMaximumAndAnOverlongSearch() =>
        Assert.That(
            _validator.InvalidFields(new ListProjectsPagedQuery { Page = 0, PageSize = 500, Search = new string('x', Project.AliasMaxLength + 1) }),
            Is.EquivalentTo(new[] { "page", "page_size", "search" }));
}
