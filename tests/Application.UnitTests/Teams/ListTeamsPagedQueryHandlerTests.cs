using Moq;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams.Queries.ListTeamsPaged;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class ListTeamsPagedQueryHandlerTests
{
    private InMemoryReadRepository _reads = null!;
    private readonly Mock<IOrganizationRepository> _organizations = new();

    [SetUp]
    public void SetUp()
    {
        _reads = new InMemoryReadRepository();
        _reads.Seed(
            TeamFixtures.Team("t5", new TeamSettings { TeamAlias = "ml-ops" }, ("bob", TeamRole.User)),
            TeamFixtures.Team("t1", new TeamSettings { TeamAlias = "alpha" }, ("bob", TeamRole.Admin)),
            TeamFixtures.Team("t3", new TeamSettings { TeamAlias = "ml-research" }),
            TeamFixtures.Team("t2", new TeamSettings { TeamAlias = "beta" }),
            TeamFixtures.Team("t4", new TeamSettings { TeamAlias = "ml-infra" }, ("bob", TeamRole.User)));
    }

    [Test]
    public async Task ShouldReturnOnePageByAliasWithTheTotals()
    {
        var page = await Handle(new ListTeamsPagedQuery { Page = 2, PageSize = 2 }, TestCaller.Admin());

        Assert.That(page.Teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t4", "t5" }));
        Assert.That(page.Total, Is.EqualTo(5));
        Assert.That(page.Page, Is.EqualTo(2));
        Assert.That(page.PageSize, Is.EqualTo(2));
        Assert.That(page.TotalPages, Is.EqualTo(3));
    }

    [Test]
    public async Task ShouldSearchAliasesAndCountOnlyTheMatches()
    {
        var page = await Handle(new ListTeamsPagedQuery { TeamAlias = "ml-", PageSize = 2 }, TestCaller.Admin());

        Assert.That(page.Teams.Select(t => t.TeamAlias), Is.EqualTo(new[] { "ml-infra", "ml-ops" }));
        Assert.That(page.Total, Is.EqualTo(3));
        Assert.That(page.TotalPages, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldPageOnlyTheCallersOwnTeamsForOthers()
    {
        var page = await Handle(new ListTeamsPagedQuery { TeamAlias = "ml" }, TestCaller.InternalUser("bob"));

        Assert.That(page.Teams.Select(t => t.TeamId), Is.EqualTo(new[] { "t4", "t5" }));
        Assert.That(page.Total, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldReturnNoPagesWhenNothingMatches()
    {
        var page = await Handle(new ListTeamsPagedQuery { TeamAlias = "nothing" }, TestCaller.Admin());

        Assert.That(page.Teams, Is.Empty);
        Assert.That(page.TotalPages, Is.Zero);
    }

    [Test]
    public void ShouldForbidAUserToListSomeoneElsesTeams()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new ListTeamsPagedQuery { UserId = "alice" }, TestCaller.InternalUser("bob")));
    }

    [Test]
    public async Task ShouldWalkByCursorInAliasOrderWithTeamsWithoutAnAliasFirst()
    {
        _reads.Seed(TeamFixtures.Team("t9", new TeamSettings()), TeamFixtures.Team("t0", new TeamSettings()));
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Handle(new ListTeamsPagedQuery { PageSize = 3, After = after }, TestCaller.Admin());
            seen.AddRange(page.Teams.Select(t => t.TeamId));
            after = page.NextCursor;
        }
        while (after is not null);

        Assert.That(seen, Is.EqualTo(new[] { "t0", "t9", "t1", "t2", "t4", "t5", "t3" }));
        Assert.That(_reads.CountsAll, Has.All.EqualTo(typeof(Team)));
    }

    private async Task<TeamPageDto> Handle(ListTeamsPagedQuery query, ICurrentCaller caller) =>
        await new ListTeamsPagedQueryHandler(_reads, caller, new OrganizationStanding(_organizations.Object, caller)).Handle(query, CancellationToken.None);
}

public sealed class ListTeamsPagedQueryValidatorTests
{
    private readonly ListTeamsPagedQueryValidator _validator = new();

    [Test]
    public void ShouldAcceptTheDefaults() => Assert.That(_validator.InvalidFields(new ListTeamsPagedQuery()), Is.Empty);

    [Test]
    public void ShouldRejectAPageBelowOneAndAPageSizeAboveTheMaximum() =>
        Assert.That(_validator.InvalidFields(new ListTeamsPagedQuery { Page = 0, PageSize = 101 }), Is.EquivalentTo(new[] { "page", "page_size" }));

    [Test]
    public void ShouldNameTheLimitsInTheMessages() =>
        Assert.That(_validator.Messages(new ListTeamsPagedQuery { PageSize = 0 }), Is.EqualTo(new[] { "'page_size' must be between 1 and 100." }));
}
