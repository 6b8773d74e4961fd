using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Keys.Commands.RegenerateKey;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.UnitTests.Keys;

public sealed class RegenerateKeyCommandHandlerTests
{
    private const string OldSecret = "sk-alice-old-secret-2a2b";

    private HandlerPorts _ports = null!;
    private VirtualKey _key = null!;
    private string _oldToken = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _key = TestData.Key(OldSecret, "alice", new KeySettings { KeyAlias = "alice-laptop" });
        _oldToken = _key.Token;
        _ports.GivenKeys(_key);
    }

    [Test]
    public async Task ShouldReplaceTheSecretAndReturnTheNewOneOnce()
    {
        var rotated = await Handle(new RegenerateKeyCommand { Key = OldSecret }, TestCaller.InternalUser("alice"));

        var newSecret = _ports.IssuedSecrets.Single();
        Assert.That(rotated.Key, Is.EqualTo(newSecret));
        Assert.That(rotated.Token, Is.EqualTo(TestSecrets.Hash(newSecret)).And.Not.EqualTo(_oldToken));
        Assert.That(_key.Token, Is.EqualTo(rotated.Token), "the old secret no longer matches the key");
        Assert.That(rotated.KeyAlias, Is.EqualTo("alice-laptop"), "rotation keeps the key's settings");
        Assert.That(rotated.RotationCount, Is.EqualTo(1));
        Assert.That(rotated.LastRotationAt, Is.EqualTo(_ports.Now));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheRotationWithoutTheNewSecret()
    {
        var rotated = await Handle(new RegenerateKeyCommand { Key = _oldToken }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Rotated));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Keys));
        Assert.That(row.ObjectId, Is.EqualTo(rotated.Token));
        Assert.That(((KeyDto)row.Before!).Token, Is.EqualTo(_oldToken));
        Assert.That(row.After, Is.InstanceOf<KeyDto>().And.Not.InstanceOf<GeneratedKeyDto>());
        Assert.That(((KeyDto)row.After!).Token, Is.EqualTo(rotated.Token));
    }

    [Test]
    public void ShouldHideAnotherUsersKeyAndIssueNoSecret()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new RegenerateKeyCommand { Key = OldSecret }, TestCaller.InternalUser("bob")));

        Assert.That(missing!.Param, Is.EqualTo("key"));
        Assert.That(_key.Token, Is.EqualTo(_oldToken));
        Assert.That(_ports.IssuedSecrets, Is.Empty);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldReportAnUnknownKeyAsNotFound()
    {
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new RegenerateKeyCommand { Key = "sk-unknown-7777" }, TestCaller.Admin()));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldApplyTheOtherFieldsOfTheBodyAsAnUpdateWould()
    {
        var rotated = await Handle(new RegenerateKeyCommand { Key = OldSecret, MaxBudget = 3, Tags = ["rotated"], Duration = "1d" }, TestCaller.InternalUser("alice"));

        Assert.That(rotated.MaxBudget, Is.EqualTo(3));
        Assert.That(rotated.Tags, Is.EqualTo(new[] { "rotated" }));
        Assert.That(rotated.Expires, Is.EqualTo(_ports.Now.AddDays(1)));
        Assert.That(rotated.KeyAlias, Is.EqualTo("alice-laptop"));
        Assert.That(((KeyDto)_ports.AuditRecords.Single().After!).MaxBudget, Is.EqualTo(3), "one audit row holds both changes");
    }

    [Test]
    public async Task ShouldUseTheNewKeyAProxyAdminChose()
    {
        var rotated = await Handle(new RegenerateKeyCommand { Key = OldSecret, NewKey = "sk-the-new-one" }, TestCaller.Admin());

        Assert.That(rotated.Key, Is.EqualTo("sk-the-new-one"));
        Assert.That(_key.Token, Is.EqualTo(TestSecrets.Hash("sk-the-new-one")));
        Assert.That(_ports.IssuedSecrets, Is.Empty);
    }

    [Test]
    public void ShouldRefuseANewKeyFromTheOwnerRotatingNothing()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new RegenerateKeyCommand { Key = OldSecret, NewKey = "sk-my-choice" }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Param, Is.EqualTo("new_key"));
        Assert.That(_key.Token, Is.EqualTo(_oldToken));
        _ports.VerifyNothingWritten();
    }

    private async Task<GeneratedKeyDto> Handle(RegenerateKeyCommand command, ICurrentCaller caller)
    {
        var handler = new RegenerateKeyCommandHandler(
            _ports.Keys.Object, _ports.KeyUpdater(caller), _ports.Secrets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.Clock);
        return await handler.Handle(command, CancellationToken.None);
    }
}

public sealed class RegenerateKeyCommandValidatorTests
{
    [Test]
    public void ShouldRequireTheKey() =>
        Assert.That(new RegenerateKeyCommandValidator().InvalidFields(new RegenerateKeyCommand { Key = "" }), Is.EqualTo(new[] { "key" }));

    [Test]
    public void ShouldRefuseWhatIsNotSupported() =>
        Assert.That(
            new RegenerateKeyCommandValidator().InvalidFields(new RegenerateKeyCommand { Key = "sk-x", GracePeriod = "24h", NewMasterKey = "sk-m", NewKey = "nope" }),
            Is.EquivalentTo(new[] { "grace_period", "new_master_key", "new_key" }));
}
