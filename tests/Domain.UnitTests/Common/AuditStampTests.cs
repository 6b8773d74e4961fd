using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.UnitTests.TestSupport;

namespace ProxyAdmin.Domain.UnitTests.Common;

public sealed class AuditStampTests
{
    [Test]
    public void StampsWithTheSameAuthorAndInstantAreEqual()
    {
        var first = new AuditStamp("alice", Stamps.At);
        var second = new AuditStamp("alice", new DateTime(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc));

        Assert.That(second, Is.EqualTo(first));
        Assert.That(second == first, Is.True);
        Assert.That(second.GetHashCode(), Is.EqualTo(first.GetHashCode()));
    }

    [Test]
    public void ADifferentAuthorMakesADifferentStamp() =>
        Assert.That(new AuditStamp("bob", Stamps.At), Is.Not.EqualTo(new AuditStamp("alice", Stamps.At)));

    [Test]
    public void ADifferentInstantMakesADifferentStamp() =>
        Assert.That(new AuditStamp("alice", Stamps.At.AddTicks(1)), Is.Not.EqualTo(new AuditStamp("alice", Stamps.At)));
}
