using Moq;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Encryption;
using ProxyAdmin.Application.Encryption.Queries.GetEncryptionStatus;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.UnitTests.Encryption;

public sealed class GetEncryptionStatusQueryHandlerTests
{
    private EncryptionFixtures _f = null!;
    private Mock<IIdempotencyRecords> _idempotency = null!;
    private readonly List<string> _liveSealedAnswers = [];

    [SetUp]
    public void SetUp()
    {
        _f = new EncryptionFixtures();
        _liveSealedAnswers.Clear();
        _idempotency = new Mock<IIdempotencyRecords>();
        _idempotency.Setup(r => r.LiveSealedResponsesAsync(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns(() => _liveSealedAnswers.ToAsyncEnumerable());
    }

    [Test]
    public async Task ShouldKeepTheKeyOfALiveReplayableAnswerInUseSoItIsNeverRemovable()
    {
        _f.Model("m1", "k2");
        _liveSealedAnswers.Add("original:{\"key\":\"sk-...\"}");

        var status = await Handle(new KeyedSecretProtector("k2", "original", "k2"));

        Assert.Multiple(() =>
        {
            Assert.That(status.KeysInUse, Is.EqualTo(new[] { "k2", "original" }));
            Assert.That(status.RemovableKeyIds, Is.Empty, "a live idempotency record still needs the original key to replay");
            Assert.That(status.Tables.Select(t => t.Table), Is.EqualTo(new[] { AuditTables.Models, AuditTables.Credentials }), "replay records are not rotated");
        });
    }

    [Test]
    public async Task ShouldCountValuesPerKeyAndTheRowsWhollyUnderTheActiveKey()
    {
        _f.Model("m1", "original");
        _f.Model("m2", "k2");
        _f.Credential("c1", "k2");

        var status = await Handle(new KeyedSecretProtector("k2", "original", "k2"));

        var models = status.Tables.Single(t => t.Table == AuditTables.Models);
        var credentials = status.Tables.Single(t => t.Table == AuditTables.Credentials);
        Assert.Multiple(() =>
        {
            Assert.That((models.TotalRows, models.DoneRows), Is.EqualTo((2L, 1L)));
            Assert.That(models.ValuesByKey, Is.EquivalentTo(new Dictionary<string, long> { ["original"] = 2, ["k2"] = 2 }));
            Assert.That((credentials.TotalRows, credentials.DoneRows), Is.EqualTo((1L, 1L)));
            Assert.That(status.KeysInUse, Is.EqualTo(new[] { "k2", "original" }));
            Assert.That(status.RemovableKeyIds, Is.Empty, "the original key still seals m1");
            Assert.That(status.Complete, Is.False);
            Assert.That(status.ActiveKeyId, Is.EqualTo("k2"));
            Assert.That(status.Rotation, Is.Null);
        });
    }

    [Test]
    public async Task ShouldNameAKeyNoValueUsesAsRemovableOnceEverythingIsUnderTheActiveKey()
    {
        _f.Model("m1", "k2");
        var run = _f.Start("k2");

        var status = await Handle(new KeyedSecretProtector("k2", "original", "k2"));

        Assert.Multiple(() =>
        {
            Assert.That(status.Complete, Is.True);
            Assert.That(status.RemovableKeyIds, Is.EqualTo(new[] { "original" }));
            Assert.That(status.Rotation!.RotationId, Is.EqualTo(run.RotationId));
        });
    }

    [Test]
    public async Task ShouldNameKeysStoredValuesNeedThatAreNotConfigured()
    {
        _f.Model("m1", "lost");

        var status = await Handle(new KeyedSecretProtector("k2", "k2"));

        Assert.That(status.MissingKeyIds, Is.EqualTo(new[] { "lost" }));
        Assert.That(status.Complete, Is.False);
    }

    [Test]
    public void AdminsAndViewersMaySendIt() =>
        Assert.That(((AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(GetEncryptionStatusQuery), typeof(AuthorizeAttribute))!).Policy, Is.EqualTo(AccessPolicy.AdminRead));

    private async Task<EncryptionStatusDto> Handle(KeyedSecretProtector protector) =>
        await new GetEncryptionStatusQueryHandler(new EncryptionInventory(_f.Encryption.Object, new SealedValues(protector), protector, _idempotency.Object, TimeProvider.System))
            .Handle(new GetEncryptionStatusQuery(), CancellationToken.None);
}
