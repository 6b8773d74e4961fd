using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Application.Common.Concurrency;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys.Queries.GetKeyInfo;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.UnitTests.Keys;

public sealed class GetKeyInfoQueryHandlerTests
{
    private const string AliceSecret = "sk-alice-secret-4d4e";

    private HandlerPorts _ports = null!;
    private VirtualKey _aliceKey = null!;
    private VirtualKey _bobKey = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _aliceKey = TestData.Key(AliceSecret, "alice");
        _bobKey = TestData.Key("sk-bob-secret-5f5a", "bob");
        _ports.GivenKeys(_aliceKey, _bobKey);
    }

    [Test]
    public async Task ShouldDescribeTheKeyTheCallerAuthenticatedWithWhenNoKeyIsGiven()
    {
        var caller = TestCaller.InternalUser("alice") with { ApiKeyHash = _aliceKey.Token };

        var info = await Handle(new GetKeyInfoQuery(null), caller);

        Assert.That(info.Info.Token, Is.EqualTo(_aliceKey.Token));
        Assert.That(info.Key, Is.EqualTo(_aliceKey.Token));
    }

    [Test]
    public async Task ShouldLetAServiceAccountReadItselfButNoOtherKeyNotEvenAnotherKeyless()
    {
        var itself = TestData.Key("sk-service-own-0a0a", userId: null, new KeySettings { TeamId = "t1" });
        var sibling = TestData.Key("sk-service-sib-0b0b", userId: null, new KeySettings { TeamId = "t1" });
        _ports.GivenKeys(_aliceKey, _bobKey, itself, sibling);
        var caller = TestCaller.ServiceAccount("t1", "sk-service-own-0a0a");

        var own = await Handle(new GetKeyInfoQuery(null), caller);
        var siblingRead = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetKeyInfoQuery(sibling.Token), caller));
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetKeyInfoQuery(new string('0', 64)), caller));

        Assert.That(own.Info.Token, Is.EqualTo(itself.Token));
        Assert.That(siblingRead!.Message.Replace(sibling.Token, "K", StringComparison.Ordinal), Is.EqualTo(missing!.Message.Replace(new string('0', 64), "K", StringComparison.Ordinal)));
    }

    [Test]
    public async Task ShouldFindAKeyBySecretAndEchoItShortened()
    {
        var info = await Handle(new GetKeyInfoQuery(AliceSecret), TestCaller.InternalUser("alice"));

        Assert.That(info.Info.Token, Is.EqualTo(_aliceKey.Token));
        Assert.That(info.Key, Is.EqualTo("sk-...4d4e"));
    }

    [Test]
    public async Task ShouldFindAKeyByHash()
    {
        var info = await Handle(new GetKeyInfoQuery(_bobKey.Token), TestCaller.Admin());

        Assert.That(info.Info.UserId, Is.EqualTo("bob"));
        Assert.That(info.Key, Is.EqualTo(_bobKey.Token));
    }

    [Test]
    public async Task ShouldLetAnAdminViewerReadAnyKey()
    {
        var info = await Handle(new GetKeyInfoQuery(_bobKey.Token), TestCaller.AdminViewer());

        Assert.That(info.Info.Token, Is.EqualTo(_bobKey.Token));
    }

    [Test]
    public void ShouldHideAnotherUsersKey()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetKeyInfoQuery(_bobKey.Token), TestCaller.InternalUser("alice")));

        Assert.That(missing!.Param, Is.EqualTo("key"));
    }

    [Test]
    public void ShouldReportAnUnknownKeyAsNotFoundWithoutEchoingItsSecret()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetKeyInfoQuery("sk-never-issued-3333"), TestCaller.Admin()));

        Assert.That(missing!.Message, Does.Not.Contain("never-issued"));
        _ports.Keys.Verify(r => r.ReadByTokenAsync(TestSecrets.Hash("sk-never-issued-3333"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldAnswerWithTheTagOfTheStoredVersionShown()
    {
        await Handle(new GetKeyInfoQuery(null), TestCaller.InternalUser("alice") with { ApiKeyHash = _aliceKey.Token });

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Keys, _aliceKey.Token, 0) }));
    }

    private async Task<KeyInfoDto> Handle(GetKeyInfoQuery query, ICurrentCaller caller) =>
        await new GetKeyInfoQueryHandler(_ports.Keys.Object, _ports.Secrets.Object, caller, _ports.Tags).Handle(query, CancellationToken.None);
}
