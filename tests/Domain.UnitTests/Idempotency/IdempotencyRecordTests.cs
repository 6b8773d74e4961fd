using ProxyAdmin.Domain.Idempotency;

namespace ProxyAdmin.Domain.UnitTests.Idempotency;

public sealed class IdempotencyRecordTests
{
    private static readonly DateTime AnsweredAt = new(2026, 12, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private static readonly string Scope = new('c', 64);
    private static readonly string Fingerprint = new('f', 64);

    [Test]
    public void ARecordIsLiveUntilItsWindowClosesAndNotAtTheMomentItDoes()
    {
        var record = IdempotencyRecord.Record(Scope, "retry-1", Fingerprint, "sealed", "\"tag\"", AnsweredAt, Window);

        Assert.Multiple(() =>
        {
            Assert.That(record.IsLiveAt(AnsweredAt), Is.True);
            Assert.That(record.IsLiveAt(AnsweredAt + Window - TimeSpan.FromTicks(1)), Is.True);
            Assert.That(record.IsLiveAt(AnsweredAt + Window), Is.False);
            Assert.That(record.ExpiresAt, Is.EqualTo(AnsweredAt + Window));
            Assert.That(record.CreatedAt, Is.EqualTo(AnsweredAt));
        });
    }

    [Test]
    public void OnlyTheFirstRequestsFingerprintIsTheSameRequest()
    {
        var record = IdempotencyRecord.Record(Scope, "retry-1", Fingerprint, "sealed", null, AnsweredAt, Window);

        Assert.That(record.IsSameRequest(Fingerprint), Is.True);
        Assert.That(record.IsSameRequest(new string('e', 64)), Is.False);
        Assert.That(record.IsSameRequest(Fingerprint.ToUpperInvariant()), Is.False, "compared as stored, ordinal");
    }

    [Test]
    public void RenewingTakesTheRecordOverForANewAnswerUnderTheSameCallerAndKey()
    {
        var record = IdempotencyRecord.Record(Scope, "retry-1", Fingerprint, "sealed", "\"tag\"", AnsweredAt, Window);
        var later = AnsweredAt + TimeSpan.FromDays(2);

        record.Renew(new string('e', 64), "sealed again", null, later, Window);

        Assert.Multiple(() =>
        {
            Assert.That((record.CallerScope, record.IdempotencyKey), Is.EqualTo((Scope, "retry-1")));
            Assert.That(record.SealedResponse, Is.EqualTo("sealed again"));
            Assert.That(record.EntityTag, Is.Null);
            Assert.That(record.IsSameRequest(new string('e', 64)), Is.True);
            Assert.That(record.ExpiresAt, Is.EqualTo(later + Window));
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void AWindowMustBePositive(int minutes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            IdempotencyRecord.Record(Scope, "retry-1", Fingerprint, "sealed", null, AnsweredAt, TimeSpan.FromMinutes(minutes)));
    }
}
