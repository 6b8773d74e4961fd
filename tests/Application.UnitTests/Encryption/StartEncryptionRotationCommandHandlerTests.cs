using ProxyAdmin.Application.Common.Security;
using Moq;
using ProxyAdmin.Application.Encryption;
using ProxyAdmin.Application.Encryption.Commands.StartEncryptionRotation;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Encryption;

namespace ProxyAdmin.Application.UnitTests.Encryption;

public sealed class StartEncryptionRotationCommandHandlerTests
{
    private EncryptionFixtures _f = null!;
    private Mock<IEncryptionRotationSignal> _signal = null!;

    [SetUp]
    public void SetUp()
    {
        _f = new EncryptionFixtures();
        _signal = new Mock<IEncryptionRotationSignal>();
    }

    [Test]
    public async Task ShouldStartARunUnderTheActiveKeyAuditItAndWakeTheRunnerOnceCommitted()
    {
        var started = await Handle();

        var added = _f.Added.Single();
        Assert.Multiple(() =>
        {
            Assert.That(started.TargetKeyId, Is.EqualTo("k2"));
            Assert.That(started.State, Is.EqualTo(EncryptionRotationState.Running));
            Assert.That(started.StartedBy, Is.EqualTo("admin"));
            Assert.That(added.StartedByKey, Is.EqualTo(TestCaller.Admin().Principal.KeyToken));
            Assert.That(_f.Ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EqualTo(new[] { (AuditAction.Created, AuditTables.EncryptionRotations, added.RotationId) }));
        });
        _f.Ports.VerifySavedOnce();
        _signal.Verify(s => s.Wake(), Times.Never, "not before the commit");
        _f.Ports.Commit();
        _signal.Verify(s => s.Wake(), Times.Once);
    }

    [Test]
    public async Task ShouldReportARunAlreadyGoingUnderTheSameKeyAndStartNoOther()
    {
        var running = _f.Start("K2");

        var answered = await Handle();

        Assert.That(answered.RotationId, Is.EqualTo(running.RotationId));
        Assert.That(_f.Added, Is.Empty);
        Assert.That(_f.Ports.AuditRecords, Is.Empty);
        _f.Ports.Commit();
        _signal.Verify(s => s.Wake(), Times.Once, "a look is harmless");
    }

    [Test]
    public async Task ShouldSupersedeARunUnderAnotherKey()
    {
        var old = _f.Start("original");

        var started = await Handle();

        Assert.Multiple(() =>
        {
            Assert.That(old.State, Is.EqualTo(EncryptionRotationState.Superseded));
            Assert.That(old.CompletedAt, Is.EqualTo(_f.Ports.Now));
            Assert.That(started.RotationId, Is.Not.EqualTo(old.RotationId));
            Assert.That(_f.Ports.AuditRecords.Select(r => (r.Action, r.ObjectId)), Is.EqualTo(new[] { (AuditAction.Updated, old.RotationId), (AuditAction.Created, started.RotationId) }));
        });
    }

    [Test]
    public void OnlyProxyAdminsMaySendIt() =>
        Assert.That(((AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(StartEncryptionRotationCommand), typeof(AuthorizeAttribute))!).Policy, Is.EqualTo(AccessPolicy.ProxyAdmin));

    private async Task<EncryptionRotationDto> Handle() =>
        await new StartEncryptionRotationCommandHandler(
                _f.Encryption.Object,
                new KeyedSecretProtector("k2", "original", "k2"),
                _signal.Object,
                _f.Ports.Audit.Object,
                _f.Ports.UnitOfWork.Object,
                TestCaller.Admin(),
                _f.Ports.Clock)
            .Handle(new StartEncryptionRotationCommand(), CancellationToken.None);
}
