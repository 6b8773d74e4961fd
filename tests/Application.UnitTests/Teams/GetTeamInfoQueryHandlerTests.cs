using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Application.Common.Concurrency;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Queries.GetTeamInfo;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class GetTeamInfoQueryHandlerTests
{
    private HandlerPorts _ports = null!;
    private InMemoryReadRepository _reads = null!;
    private VirtualKey _older = null!;
    private VirtualKey _newer = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _reads = new InMemoryReadRepository();
        _ports.GivenTeams(TeamFixtures.Team("t1", new TeamSettings { MaxBudget = 100, Models = ["gpt-4o"] }, ("alice", TeamRole.Admin), ("bob", TeamRole.User)));
        _older = TestData.Key("sk-team-key-older-0001", "alice", new KeySettings { TeamId = "t1", KeyAlias = "older" }, TestData.Earlier);
        _newer = TestData.Key("sk-team-key-newer-0002", "bob", new KeySettings { TeamId = "t1", KeyAlias = "newer" }, TestData.Earlier.AddDays(1));
        _reads.Seed(_older, _newer, TestData.Key("sk-other-team-key-0003", "carol", new KeySettings { TeamId = "t2" }));
    }

    [Test]
    public async Task ShouldReturnTheTeamItsKeysNewestFirstAndItsMemberships()
    {
        var info = await Handle(new GetTeamInfoQuery("t1"), TestCaller.InternalUser("bob"));

        Assert.That(info.TeamId, Is.EqualTo("t1"));
        Assert.That(info.TeamInfo.MaxBudget, Is.EqualTo(100));
        Assert.That(info.TeamInfo.Admins, Is.EqualTo(new[] { "alice" }));
        Assert.That(info.Keys.Select(k => k.KeyAlias), Is.EqualTo(new[] { "newer", "older" }), "only the team's keys, newest first");
        Assert.That(info.Keys[0].KeyName, Is.EqualTo(_newer.KeyName));
        Assert.That(info.Keys[0].UserId, Is.EqualTo("bob"));
        Assert.That(info.TeamMemberships, Is.EqualTo(new[]
        {
            new TeamMembershipDto { TeamId = "t1", UserId = "alice", UserEmail = "alice@example.com", Role = TeamRole.Admin, BudgetId = null, Spend = 0, LitellmBudgetTable = null },
            new TeamMembershipDto { TeamId = "t1", UserId = "bob", UserEmail = "bob@example.com", Role = TeamRole.User, BudgetId = null, Spend = 0, LitellmBudgetTable = null },
        }));
    }

    [Test]
    public async Task ShouldBoundTheKeyList()
    {
        await Handle(new GetTeamInfoQuery("t1"), TestCaller.AdminViewer());

        var specification = _reads.Specifications.OfType<KeysOfTeam>().Single();
        Assert.That(specification.Take, Is.EqualTo(GetTeamInfoQueryHandler.MaxKeysShown));
        Assert.That(specification.Skip, Is.Zero);
    }

    [Test]
    public async Task ShouldShowAnyTeamToAnAdminViewer()
    {
        var info = await Handle(new GetTeamInfoQuery("t1"), TestCaller.AdminViewer());

        Assert.That(info.Keys, Has.Count.EqualTo(2));
    }

    [Test]
    public void ShouldHideTheTeamFromAnOutsider()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetTeamInfoQuery("t1"), TestCaller.InternalUser("mallory")));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        Assert.That(_reads.Specifications, Is.Empty, "nothing about the team is read for an outsider");
    }

    [Test]
    public async Task ShouldShowAServiceAccountItsOwnTeam()
    {
        var info = await Handle(new GetTeamInfoQuery("t1"), TestCaller.ServiceAccount("t1"));

        Assert.That(info.TeamId, Is.EqualTo("t1"));
    }

    [Test]
    public void ShouldHideAnotherTeamFromAServiceAccountExactlyAsAMissingOne()
    {
        var foreign = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetTeamInfoQuery("t1"), TestCaller.ServiceAccount("t2")));
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetTeamInfoQuery("ghost"), TestCaller.ServiceAccount("t2")));

        Assert.That(foreign!.Message.Replace("t1", "ID", StringComparison.Ordinal), Is.EqualTo(missing!.Message.Replace("ghost", "ID", StringComparison.Ordinal)));
        Assert.That(foreign.Param, Is.EqualTo(missing.Param));
        Assert.That(_reads.Specifications, Is.Empty);
    }

    [Test]
    public void ShouldRefuseAnUnknownTeamWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetTeamInfoQuery("ghost"), TestCaller.Admin()));

        Assert.That(missing!.Message, Does.Contain("ghost"));
    }

    [Test]
    public async Task ShouldShowEachMembershipWithItsBudgetRow()
    {
        var team = TeamFixtures.Team("t3", new TeamSettings(), ("alice", TeamRole.Admin), ("bob", TeamRole.User));
        var budget = Budget.Create(new BudgetSettings { MaxBudget = 4 }, TestData.Stamp);
        team.SetMemberBudget("bob", budget, TestData.Stamp);
        _ports.GivenTeams(team);
        _ports.GivenBudgets(budget);

        var info = await Handle(new GetTeamInfoQuery("t3"), TestCaller.Admin());

        var bob = info.TeamMemberships.Single(m => m.UserId == "bob");
        Assert.That(bob.BudgetId, Is.EqualTo(budget.BudgetId));
        Assert.That(bob.LitellmBudgetTable!.MaxBudget, Is.EqualTo(4));
        Assert.That(bob.Spend, Is.Zero);
        Assert.That(info.TeamMemberships.Single(m => m.UserId == "alice").LitellmBudgetTable, Is.Null);
    }

    [Test]
    public async Task ShouldAnswerWithTheTagOfTheStoredVersionShown()
    {
        await Handle(new GetTeamInfoQuery("t1"), TestCaller.AdminViewer());

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Teams, "t1", 0) }));
    }

    private async Task<TeamInfoDto> Handle(GetTeamInfoQuery query, ICurrentCaller caller) =>
        await new GetTeamInfoQueryHandler(_ports.Teams.Object, _ports.Budgets.Object, _reads, caller, _ports.StandingOf(caller), _ports.Tags).Handle(query, CancellationToken.None);
}

public sealed class GetTeamInfoQueryValidatorTests
{
    private readonly GetTeamInfoQueryValidator _validator = new();

    [Test]
    public void ShouldAcceptATeamId() => Assert.That(_validator.InvalidFields(new GetTeamInfoQuery("t1")), Is.Empty);

    [Test]
    public void ShouldRequireTheTeamId() =>
        Assert.That(_validator.Messages(new GetTeamInfoQuery("")), Is.EqualTo(new[] { "Malformed request. No team id passed in." }));
}
