using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Keys.Commands.BlockKey;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.UnitTests.Keys;

public sealed class BlockKeyCommandHandlerTests
{
    private const string Secret = "sk-alice-secret-0c0d";

    private HandlerPorts _ports = null!;
    private VirtualKey _key = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _key = TestData.Key(Secret, "alice");
        _ports.GivenKeys(_key);
    }

    [Test]
    public async Task ShouldBlockTheKeyAndReturnIt()
    {
        var blocked = await Handle(new BlockKeyCommand(Secret));

        Assert.That(_key.Blocked, Is.True);
        Assert.That(blocked.Blocked, Is.True);
        Assert.That(blocked.UpdatedBy, Is.EqualTo("admin"));
        Assert.That(blocked.UpdatedAt, Is.EqualTo(_ports.Now));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheBlock()
    {
        var blocked = await Handle(new BlockKeyCommand(_key.Token));

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Blocked));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Keys));
        Assert.That(row.ObjectId, Is.EqualTo(_key.Token));
        Assert.That(((KeyDto)row.Before!).Blocked, Is.False);
        Assert.That(row.After, Is.EqualTo(blocked));
    }

    [Test]
    public void ShouldReportAnUnknownKeyAsNotFoundWithoutEchoingItsSecret()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new BlockKeyCommand("sk-unknown-secret-9999")));

        Assert.That(missing!.Param, Is.EqualTo("key"));
        Assert.That(missing.Message, Does.Contain("sk-...9999").And.Not.Contain("unknown-secret"));
        _ports.VerifyNothingWritten();
    }

    private async Task<KeyDto> Handle(BlockKeyCommand command)
    {
        var handler = new BlockKeyCommandHandler(
            _ports.Keys.Object, _ports.Secrets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, TestCaller.Admin(), _ports.Clock);
        return await handler.Handle(command, CancellationToken.None);
    }
}

public sealed class BlockKeyCommandValidatorTests
{
    [Test]
    public void ShouldRequireTheKey() =>
        Assert.That(new BlockKeyCommandValidator().Messages(new BlockKeyCommand("")), Is.EqualTo(new[] { "'key' is required." }));

    [Test]
    public void ShouldAcceptAKey() =>
        Assert.That(new BlockKeyCommandValidator().InvalidFields(new BlockKeyCommand("sk-abc")), Is.Empty);
}
