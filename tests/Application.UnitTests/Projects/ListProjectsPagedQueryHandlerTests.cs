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
        _ports.Projects.Setup(r => r.CountInTeamsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> teams, CancellationToken _) => teams.Sum(t => t == "t1" ? 3 : 2));
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

    [Test]
    public async Task ShouldWalkByCursorThroughTheRowsOfTheOffsetPagesAndEndWithoutACursor()
    {
        var first = await Handle(new ListProjectsPagedQuery { PageSize = 2 }, TestCaller.Admin());
        var second = await Handle(new ListProjectsPagedQuery { PageSize = 2, After = first.NextCursor }, TestCaller.Admin());
        var third = await Handle(new ListProjectsPagedQuery { PageSize = 2, After = second.NextCursor }, TestCaller.Admin());

        Assert.That(new[] { first, second, third }.Select(p => p.Projects.Select(x => x.ProjectId)), Is.EqualTo(new[] { new[] { "p1", "p2" }, ["p3", "p4"], ["p5"] }));
        Assert.That(third.NextCursor, Is.Null);
        Assert.That(second.Page, Is.EqualTo(1), "a cursor page has no number of its own");
    }

    [Test]
    public async Task ShouldCountFromTheKeptCountsUnlessTheListIsSearched()
    {
        var admins = await Handle(new ListProjectsPagedQuery(), TestCaller.Admin());
        var bobs = await Handle(new ListProjectsPagedQuery(), TestCaller.InternalUser("bob"));
        var oneTeam = await Handle(new ListProjectsPagedQuery { TeamId = "t2" }, TestCaller.Admin());

        Assert.That(_reads.CountsAll, Is.EqualTo(new[] { typeof(Project) }), "the admin's unfiltered list reads the table's kept count");
        Assert.That((admins.Total, bobs.Total, oneTeam.Total), Is.EqualTo((5, 3, 2)), "a team scope reads the teams' kept counts");
        _ports.Projects.Verify(r => r.CountInTeamsAsync(It.Is<IReadOnlyCollection<string>>(t => t.SequenceEqual(new[] { "t1" })), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_reads.Specifications.OfType<ProjectsMatching>().Count(), Is.EqualTo(3), "no count query: one page read each");
    }

    [Test]
    public async Task ShouldApplyTheCallersScopeToACursorMadeByAnAdmin()
    {
        var adminCursor = (await Handle(new ListProjectsPagedQuery { PageSize = 1 }, TestCaller.Admin())).NextCursor;

        var page = await Handle(new ListProjectsPagedQuery { After = adminCursor }, TestCaller.InternalUser("bob"));

        Assert.That(page.Projects.Select(p => p.ProjectId), Is.EqualTo(new[] { "p2", "p4" }), "team t1 only, after p1");
    }

    [TestCase("garbage")]
    [TestCase("W10")]
    public void ShouldRefuseAMalformedCursorNamingAfter(string cursor)
    {
        var refused = Assert.ThrowsAsync<BadRequestException>(async () => await Handle(new ListProjectsPagedQuery { After = cursor }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("after"));
    }

    [Test]
    public async Task ShouldRefuseACursorOfOtherFilters()
    {
        var cursor = (await Handle(new ListProjectsPagedQuery { PageSize = 1, Search = "support" }, TestCaller.Admin())).NextCursor;

        var refused = Assert.ThrowsAsync<BadRequestException>(async () => await Handle(new ListProjectsPagedQuery { After = cursor }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("after"));
    }

    private async Task<ProjectPageDto> Handle(ListProjectsPagedQuery query, ICurrentCaller caller) =>
        await new ListProjectsPagedQueryHandler(_reads, _ports.Projects.Object, new ProjectListScope(_ports.Teams.Object, _ports.Organizations.Object, _ports.StandingOf(caller), caller)).Handle(query, CancellationToken.None);
}

public sealed class ListProjectsPagedQueryValidatorTests
{
    private readonly ListProjectsPagedQueryValidator _validator = new();

    [Test]
    public void ShouldAcceptTheDefaults() => Assert.That(_validator.InvalidFields(new ListProjectsPagedQuery()), Is.Empty);

    [Test]
    public void ShouldRefuseAPageAndACursorTogetherAndAnOverlongCursor()
    {
        Assert.That(_validator.InvalidFields(new ListProjectsPagedQuery { Page = 1, After = "abc" }), Is.EqualTo(new[] { "after" }));
        Assert.That(_validator.InvalidFields(new ListProjectsPagedQuery { After = new string('a', 1025) }), Is.EqualTo(new[] { "after" }));
        Assert.That(_validator.InvalidFields(new ListProjectsPagedQuery { After = "abc" }), Is.Empty);
    }

    [Test]
    public void ShouldRejectAPageBelowOneAPageSizeAboveTheMaximumAndAnOverlongSearch() =>
        Assert.That(
            _validator.InvalidFields(new ListProjectsPagedQuery { Page = 0, PageSize = 500, Search = new string('x', Project.AliasMaxLength + 1) }),
            Is.EquivalentTo(new[] { "page", "page_size", "search" }));
}
