using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Encryption;

namespace ProxyAdmin.Domain.UnitTests.Encryption;

public sealed class EncryptionRotationTests
{
    private static readonly DateTime At = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private static EncryptionRotation Started() => EncryptionRotation.Start("k2", new AuditStamp("admin", At), "key-hash");

    [Test]
    public void ARunStartsRunningWithNoCursor()
    {
        var run = Started();

        Assert.Multiple(() =>
        {
            Assert.That(run.State, Is.EqualTo(EncryptionRotationState.Running));
            Assert.That((run.ModelsAfter, run.CredentialsAfter), Is.EqualTo(((string?)null, (string?)null)));
            Assert.That(Guid.TryParse(run.RotationId, out _), Is.True);
            Assert.That((run.StartedBy, run.StartedByKey, run.StartedAt), Is.EqualTo(("admin", "key-hash", At)));
        });
    }

    [Test]
    public void ItCompletesOnlyWhenBothTablesAreExhausted()
    {
        var run = Started();

        run.PassModels("m9", exhausted: false, At);
        run.PassModels(null, exhausted: true, At);
        Assert.That(run.State, Is.EqualTo(EncryptionRotationState.Running));
        Assert.That(run.ModelsAfter, Is.EqualTo("m9"), "an empty batch keeps the cursor");

        run.PassCredentials("c1", exhausted: true, At.AddMinutes(1));
        Assert.That(run.State, Is.EqualTo(EncryptionRotationState.Completed));
        Assert.That(run.CompletedAt, Is.EqualTo(At.AddMinutes(1)));
    }

    [Test]
    public void ACompletedOrSupersededRunTakesNoMoreBatches()
    {
        var superseded = Started();
        superseded.Supersede(At);

        Assert.Throws<InvalidOperationException>(() => superseded.PassModels("m1", exhausted: false, At));
        Assert.Throws<InvalidOperationException>(() => superseded.Supersede(At));
        Assert.That(superseded.State, Is.EqualTo(EncryptionRotationState.Superseded));
    }

    [Test]
    public void CountingAddsRowsOnlyForRowsThatChanged()
    {
        var run = Started();

        run.Count(reencrypted: 2, unreadable: 0);
        run.Count(reencrypted: 0, unreadable: 1);
        run.Count(reencrypted: 3, unreadable: 1);

        Assert.That((run.RowsReencrypted, run.ValuesReencrypted, run.UnreadableValues), Is.EqualTo((2L, 5L, 2L)));
    }
}
