using ProxyAdmin.Application.Common.Exceptions;
using Moq;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Encryption;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Encryption;

namespace ProxyAdmin.Application.UnitTests.Encryption;

public sealed class EncryptionRotatorTests
{
    private EncryptionFixtures _f = null!;
    private KeyedSecretProtector _protector = null!;

    [SetUp]
    public void SetUp()
    {
        _f = new EncryptionFixtures();
        _protector = new KeyedSecretProtector("k2", "original", "k2");
    }

    [Test]
    public async Task ShouldDoNothingAndTakeNoLockWhenNoRotationRuns()
    {
        _f.Model("m1", "original");

        var outcome = await Run(batchSize: 10);

        Assert.That(outcome, Is.EqualTo(RotationBatchOutcome.Idle));
        _f.Ports.UnitOfWork.Verify(u => u.BeginTransactionAsync(It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_f.Models[0].LitellmParams["api_key"]!.GetValue<string>(), Is.EqualTo("original:sk-secret"));
    }

    [Test]
    public async Task ShouldLeaveARunUnderAnotherKeyToTheReplicasThatHaveItActive()
    {
        _f.Model("m1", "original");
        _f.Start("k3");

        var outcome = await Run(batchSize: 10);

        Assert.That(outcome, Is.EqualTo(RotationBatchOutcome.OtherKey));
        _f.Ports.UnitOfWork.Verify(u => u.BeginTransactionAsync(It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_f.Models[0].LitellmParams["api_key"]!.GetValue<string>(), Is.EqualTo("original:sk-secret"));
    }

    [Test]
    public async Task ShouldReencryptOneBatchOfModelsUnderTheTargetKeyAndMoveTheCursorPastIt()
    {
        _f.Model("m1", "original", "sk-one");
        _f.Model("m2", "k2", "sk-two");
        _f.Model("m3", "original", "sk-three");
        var rotation = _f.Start("k2");

        var outcome = await Run(batchSize: 2);

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(RotationBatchOutcome.MoreToDo));
            Assert.That(_f.Models[0].LitellmParams["api_key"]!.GetValue<string>(), Is.EqualTo("k2:sk-one"));
            Assert.That(_f.Models[0].LitellmParams["rpm"]!.GetValue<int>(), Is.EqualTo(5), "a number stays as it is");
            Assert.That(_f.Models[2].LitellmParams["api_key"]!.GetValue<string>(), Is.EqualTo("original:sk-three"), "after the batch: untouched");
            Assert.That(rotation.ModelsAfter, Is.EqualTo("m2"));
            Assert.That(rotation.ModelsDone, Is.False);
            Assert.That(rotation.RowsReencrypted, Is.EqualTo(1), "m2 was already under k2");
            Assert.That(rotation.ValuesReencrypted, Is.EqualTo(2));
        });
        _f.Ports.VerifySavedOnce();
        _f.Transaction.Verify(t => t.CommitAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldAuditEachReencryptedRowOnBehalfOfTheStarterWithKeyIdsAndNoValue()
    {
        _f.Model("m1", "original", "sk-audited-secret");
        var rotation = _f.Start("k2");

        await Run(batchSize: 10);

        var (by, key, record) = _f.OnBehalfOf.First(r => r.Record.Action == AuditAction.Reencrypted);
        var before = (ReencryptionAuditDto)record.Before!;
        var after = (ReencryptionAuditDto)record.After!;
        Assert.Multiple(() =>
        {
            Assert.That((by, key), Is.EqualTo(("admin", "hash-of-admin-key")));
            Assert.That((record.TableName, record.ObjectId), Is.EqualTo((AuditTables.Models, "m1")));
            Assert.That(before.SealedUnder, Is.EqualTo(new[] { "original" }));
            Assert.That(after.SealedUnder, Is.EqualTo(new[] { "k2" }));
            Assert.That(after.Values, Is.EqualTo(2));
            Assert.That(after.RotationId, Is.EqualTo(rotation.RotationId));
            Assert.That(System.Text.Json.JsonSerializer.Serialize(record), Does.Not.Contain("sk-audited-secret"));
        });
    }

    [Test]
    public async Task ShouldGoOnToCredentialsOnceTheModelsAreExhaustedAndCompleteTheRun()
    {
        _f.Model("m1", "original");
        var credential = _f.Credential("openai", "original");
        var rotation = _f.Start("k2");

        var first = await Run(batchSize: 5);
        var second = await Run(batchSize: 5);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(RotationBatchOutcome.MoreToDo), "a short batch of models ends the models");
            Assert.That(second, Is.EqualTo(RotationBatchOutcome.Completed));
            Assert.That(credential.Values["api_key"]!.GetValue<string>(), Is.EqualTo("k2:sk-credential"));
            Assert.That(rotation.State, Is.EqualTo(EncryptionRotationState.Completed));
            Assert.That(rotation.CompletedAt, Is.EqualTo(_f.Ports.Now));
            Assert.That(rotation.RowsReencrypted, Is.EqualTo(2));
            Assert.That(_f.OnBehalfOf.Select(r => (r.Record.Action, r.Record.TableName, r.Record.ObjectId)), Is.EqualTo(new[]
            {
                (AuditAction.Reencrypted, AuditTables.Models, "m1"),
                (AuditAction.Reencrypted, AuditTables.Credentials, "openai"),
                (AuditAction.Updated, AuditTables.EncryptionRotations, rotation.RotationId),
            }));
        });
    }

    [Test]
    public async Task ShouldLeaveAndCountAValueNoConfiguredKeyReads()
    {
        _f.Model("m1", "gone");
        var rotation = _f.Start("k2");

        await Run(batchSize: 10);

        Assert.Multiple(() =>
        {
            Assert.That(_f.Models[0].LitellmParams["api_key"]!.GetValue<string>(), Is.EqualTo("gone:sk-secret"));
            Assert.That(rotation.UnreadableValues, Is.EqualTo(2));
            Assert.That(rotation.RowsReencrypted, Is.Zero);
            Assert.That(_f.OnBehalfOf.Where(r => r.Record.Action == AuditAction.Reencrypted), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldNotCommitABatchWhoseSaveFails()
    {
        _f.Model("m1", "original");
        _f.Start("k2");
        _f.Ports.UnitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new ConcurrencyConflictException("changed"));

        Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await Run(batchSize: 10));
        _f.Transaction.Verify(t => t.CommitAsync(It.IsAny<CancellationToken>()), Times.Never);
        _f.Transaction.Verify(t => t.DisposeAsync(), Times.Once);
    }

    private Task<RotationBatchOutcome> Run(int batchSize) =>
        new EncryptionRotator(_f.Encryption.Object, new SealedValues(_protector), _protector, _f.Ports.Audit.Object, _f.Ports.UnitOfWork.Object, _f.Ports.Clock)
            .RunBatchAsync(batchSize, CancellationToken.None);
}
