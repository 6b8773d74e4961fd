using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Keys.Commands.UnblockKey;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.UnitTests.Keys;

public sealed class UnblockKeyCommandHandlerTests
{
    private const string Secret = "sk-alice-secret-1e1f";

    private HandlerPorts _ports = null!;
    private VirtualKey _key = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _key = TestData.Key(Secret, "alice", new KeySettings { Blocked = true });
        _ports.GivenKeys(_key);
    }

    [Test]
    public async Task ShouldUnblockTheKeyAndReturnIt()
    {
        var unblocked = await Handle(new UnblockKeyCommand(Secret));

        Assert.That(_key.Blocked, Is.False);
        Assert.That(unblocked.Blocked, Is.False);
        Assert.That(unblocked.UpdatedBy, Is.EqualTo("admin"));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheUnblock()
    {
        var unblocked = await Handle(new UnblockKeyCommand(_key.Token));

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Unblocked));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Keys));
        Assert.That(row.ObjectId, Is.EqualTo(_key.Token));
        Assert.That(((KeyDto)row.Before!).Blocked, Is.True);
        Assert.That(row.After, Is.EqualTo(unblocked));
    }

    [Test]
    public void ShouldReportAnUnknownKeyAsNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UnblockKeyCommand("sk-unknown-secret-8888")));

        Assert.That(missing!.Param, Is.EqualTo("key"));
        _ports.VerifyNothingWritten();
    }

    private async Task<KeyDto> Handle(UnblockKeyCommand command)
    {
        var handler = new UnblockKeyCommandHandler(
            _ports.Keys.Object, _ports.Secrets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, TestCaller.Admin(), _ports.Clock);
        return await handler.Handle(command, CancellationToken.None);
    }
}

public sealed class UnblockKeyCommandValidatorTests
{
    [Test]
    public void ShouldRequireTheKey() =>
        Assert.That(new UnblockKeyCommandValidator().InvalidFields(new UnblockKeyCommand("")), Is.EqualTo(new[] { "key" }));
}
