using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Application.Common.Concurrency;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Application.Users.Queries.GetUserInfo;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Users;

public sealed class GetUserInfoQueryHandlerTests
{
    private HandlerPorts _ports = null!;
    private InMemoryReadRepository _reads = null!;
    private VirtualKey _aliceOlderKey = null!;
    private VirtualKey _aliceNewerKey = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _reads = new InMemoryReadRepository();
        _ports.GivenUsers(TestData.User("alice"), TestData.User("bob"));
        _aliceOlderKey = TestData.Key("sk-alice-older-0001", "alice", createdAt: TestData.Earlier);
        _aliceNewerKey = TestData.Key("sk-alice-newer-0002", "alice", createdAt: TestData.Earlier.AddHours(1));
        _reads.Seed(_aliceOlderKey, _aliceNewerKey, TestData.Key("sk-bob-key-0003", "bob"));
        _reads.Seed(
            WithAlias(TestData.Team("t-red", ("alice", TeamRole.User)), "red"),
            WithAlias(TestData.Team("t-blue", ("alice", TeamRole.Admin), ("bob", TeamRole.User)), "blue"),
            WithAlias(TestData.Team("t-green", ("bob", TeamRole.Admin)), "green"));
    }

    [Test]
    public async Task ShouldReturnTheUserWithItsOwnKeysNewestFirstAndItsTeamsAsTeamObjectsByAlias()
    {
        var info = await Handle(new GetUserInfoQuery("alice"), TestCaller.Admin());

        Assert.That(info.UserId, Is.EqualTo("alice"));
        Assert.That(info.UserInfo.UserId, Is.EqualTo("alice"));
        Assert.That(info.Keys.Select(k => k.Token), Is.EqualTo(new[] { _aliceNewerKey.Token, _aliceOlderKey.Token }));
        Assert.That(info.Teams.Select(t => (t.TeamId, t.TeamAlias)), Is.EqualTo(new[] { ("t-blue", (string?)"blue"), ("t-red", "red") }));
        Assert.That(info.Teams[0].Admins, Is.EqualTo(new[] { "alice" }), "whole team objects, members included");
    }

    [Test]
    public async Task ShouldBoundTheKeyListItLoads()
    {
        await Handle(new GetUserInfoQuery("alice"), TestCaller.Admin());

        var keysQuery = _reads.Specifications.OfType<KeysOwnedBy>().Single();
        Assert.That(keysQuery.Take, Is.EqualTo(GetUserInfoQueryHandler.MaxKeysShown));
    }

    [Test]
    public async Task ShouldReturnTheCallersOwnRowWhenNoUserIdIsGiven()
    {
        var info = await Handle(new GetUserInfoQuery(null), TestCaller.InternalUser("alice"));

        Assert.That(info.UserId, Is.EqualTo("alice"));
        Assert.That(info.Keys, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ShouldLetAnAdminViewerReadAnyUser()
    {
        var info = await Handle(new GetUserInfoQuery("bob"), TestCaller.AdminViewer());

        Assert.That(info.UserId, Is.EqualTo("bob"));
    }

    [Test]
    public void ShouldForbidANonAdminReadingAnotherUserWithoutLookingItUp()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new GetUserInfoQuery("bob"), TestCaller.InternalUser("alice")));

        _ports.Users.Verify(r => r.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_reads.Specifications, Is.Empty);
    }

    [Test]
    public void ShouldReportThatAKeyWithoutAUserHasNoRowOfItsOwn()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetUserInfoQuery(null), TestCaller.MasterKey));

        Assert.That(missing!.Param, Is.EqualTo("user_id"));
        Assert.That(missing.Message, Does.Contain("belongs to no user"));
        _ports.Users.Verify(r => r.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "default_user_id is never looked up as the master key's row");
    }

    [Test]
    public void ShouldReportAnUnknownUserAsNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetUserInfoQuery("ghost"), TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("user_id"));
    }

    [Test]
    public async Task ShouldAnswerWithTheTagOfTheStoredVersionShown()
    {
        await Handle(new GetUserInfoQuery("alice"), TestCaller.Admin());

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Users, "alice", 0) }));
    }

    private async Task<UserInfoDto> Handle(GetUserInfoQuery query, ICurrentCaller caller) =>
        await new GetUserInfoQueryHandler(_ports.Users.Object, _reads, caller, _ports.Tags).Handle(query, CancellationToken.None);

    private static Team WithAlias(Team team, string alias)
    {
        team.Update(new TeamSettings { TeamAlias = alias }, TestData.Stamp);
        return team;
    }
}
