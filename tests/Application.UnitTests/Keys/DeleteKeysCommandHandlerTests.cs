using ProxyAdmin.Application.Common.Concurrency;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys.Commands.DeleteKeys;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.UnitTests.Keys;

public sealed class DeleteKeysCommandHandlerTests
{
    private const string AliceSecret = "sk-alice-secret-1a2b";
    private const string BobSecret = "sk-bob-secret-3c4d";

    private HandlerPorts _ports = null!;
    private VirtualKey _aliceKey = null!;
    private VirtualKey _aliceCiKey = null!;
    private VirtualKey _bobKey = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _aliceKey = TestData.Key(AliceSecret, "alice", new KeySettings { KeyAlias = "alice-laptop" });
        _aliceCiKey = TestData.Key("sk-alice-ci-5e6f", "alice", new KeySettings { KeyAlias = "alice-ci" });
        _bobKey = TestData.Key(BobSecret, "bob", new KeySettings { KeyAlias = "bob-laptop" });
        _ports.GivenKeys(_aliceKey, _aliceCiKey, _bobKey);
    }

    [Test]
    public async Task ShouldDeleteTheOwnersKeysNamedBySecretHashOrAlias()
    {
        var deleted = await Handle(
            new DeleteKeysCommand { Keys = [AliceSecret], KeyAliases = ["alice-ci"] },
            TestCaller.InternalUser("alice"));

        _ports.Keys.Verify(r => r.Remove(_aliceKey), Times.Once);
        _ports.Keys.Verify(r => r.Remove(_aliceCiKey), Times.Once);
        _ports.Keys.Verify(r => r.Remove(_bobKey), Times.Never);
        _ports.VerifySavedOnce();
        Assert.That(deleted.DeletedKeys, Is.EqualTo(new[] { "sk-...1a2b", "alice-ci" }), "secrets are echoed shortened, aliases as sent");
    }

    [Test]
    public async Task ShouldAuditEveryDeletedKey()
    {
        await Handle(new DeleteKeysCommand { Keys = [_aliceKey.Token, _aliceCiKey.Token] }, TestCaller.InternalUser("alice"));

        Assert.That(_ports.AuditRecords.Select(r => r.ObjectId), Is.EquivalentTo(new[] { _aliceKey.Token, _aliceCiKey.Token }));
        Assert.That(_ports.AuditRecords.Select(r => r.Action), Has.All.EqualTo(AuditAction.Deleted));
        Assert.That(_ports.AuditRecords.Select(r => r.TableName), Has.All.EqualTo(AuditTables.Keys));
        Assert.That(_ports.AuditRecords.Select(r => r.Before), Has.All.Not.Null);
        Assert.That(_ports.AuditRecords.Select(r => r.After), Has.All.Null);
    }

    [Test]
    public async Task ShouldDeleteAKeyNamedTwiceOnlyOnce()
    {
        await Handle(new DeleteKeysCommand { Keys = [AliceSecret, _aliceKey.Token], KeyAliases = ["alice-laptop"] }, TestCaller.InternalUser("alice"));

        _ports.Keys.Verify(r => r.Remove(_aliceKey), Times.Once);
        Assert.That(_ports.AuditRecords, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ShouldLetAProxyAdminDeleteAnyonesKeys()
    {
        await Handle(new DeleteKeysCommand { Keys = [BobSecret], KeyAliases = ["alice-ci"] }, TestCaller.Admin());

        _ports.Keys.Verify(r => r.Remove(_bobKey), Times.Once);
        _ports.Keys.Verify(r => r.Remove(_aliceCiKey), Times.Once);
    }

    [Test]
    public void ShouldHideAnotherUsersKeyAndDeleteNothing()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new DeleteKeysCommand { Keys = [AliceSecret, BobSecret] }, TestCaller.InternalUser("alice")));

        Assert.That(missing!.Param, Is.EqualTo("key"));
        Assert.That(missing.Message, Does.Contain("sk-...3c4d").And.Not.Contain(BobSecret));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideAnotherUsersAliasAndDeleteNothing()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new DeleteKeysCommand { Keys = [AliceSecret], KeyAliases = ["bob-laptop"] }, TestCaller.InternalUser("alice")));

        Assert.That(missing!.Param, Is.EqualTo("key_aliases"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldDeleteNothingWhenAnyNameIsUnknown()
    {
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new DeleteKeysCommand { Keys = [BobSecret], KeyAliases = ["no-such-alias"] }, TestCaller.Admin()));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldDeleteNothingWhenOneIfMatchIsStale()
    {
        _ports.Conditional.IfMatch = string.Join(", ", EntityTags.Of(AuditTables.Keys, _aliceKey.Token, 0), EntityTags.Of(AuditTables.Keys, _aliceCiKey.Token, 1));

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new DeleteKeysCommand { Keys = [_aliceKey.Token, _aliceCiKey.Token] }, TestCaller.InternalUser("alice")));

        Assert.That(stale!.Message, Does.Contain("resource 2 of 2"));
        Assert.That(stale.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Keys, _aliceCiKey.Token, 0)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldDeleteUnderTheCurrentTags()
    {
        _ports.Conditional.IfMatch = string.Join(", ", EntityTags.Of(AuditTables.Keys, _aliceKey.Token, 0), EntityTags.Of(AuditTables.Keys, _aliceCiKey.Token, 0));

        await Handle(new DeleteKeysCommand { Keys = [_aliceKey.Token, _aliceCiKey.Token] }, TestCaller.InternalUser("alice"));

        _ports.UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    private async Task<DeletedKeysDto> Handle(DeleteKeysCommand command, ICurrentCaller caller)
    {
        var handler = new DeleteKeysCommandHandler(
            _ports.Keys.Object, _ports.Secrets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.Tags);
        return await handler.Handle(command, CancellationToken.None);
    }
}

public sealed class DeleteKeysCommandValidatorTests
{
    private readonly DeleteKeysCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptKeysOrAliases()
    {
        Assert.That(_validator.InvalidFields(new DeleteKeysCommand { Keys = ["sk-abc"] }), Is.Empty);
        Assert.That(_validator.InvalidFields(new DeleteKeysCommand { KeyAliases = ["laptop"] }), Is.Empty);
    }

    [Test]
    public void ShouldRequireAtLeastOneKeyOrAlias()
    {
        var command = new DeleteKeysCommand { Keys = [], KeyAliases = null };

        Assert.That(_validator.InvalidFields(command), Is.EqualTo(new[] { "keys" }));
        Assert.That(_validator.Messages(command), Is.EqualTo(new[] { "At least one of 'keys' or 'key_aliases' must be provided." }));
    }

    [Test]
    public void ShouldRejectEmptyNames() =>
        Assert.That(
            _validator.Messages(new DeleteKeysCommand { Keys = [""], KeyAliases = ["ok", ""] }),
            Is.EquivalentTo(new[] { "'keys' must not contain empty values.", "'key_aliases' must not contain empty values." }));
}
