using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.UnitTests.TestSupport;

namespace ProxyAdmin.Domain.UnitTests.Audit;

public sealed class AuditEntryTests
{
    private static readonly string FakeKeyHash = new('c', 64);

    [Test]
    public void RecordingCopiesEveryField()
    {
        var entry = AuditEntry.Record(
            AuditAction.Updated, AuditTables.Teams, "t1", "alice", FakeKeyHash, """{"team_alias":"a"}""", """{"team_alias":"b"}""", Stamps.At);

        Assert.That(entry.Id, Is.Not.EqualTo(Guid.Empty));
        Assert.That(entry.Action, Is.EqualTo(AuditAction.Updated));
        Assert.That(entry.TableName, Is.EqualTo("LiteLLM_TeamTable"));
        Assert.That(entry.ObjectId, Is.EqualTo("t1"));
        Assert.That(entry.ChangedBy, Is.EqualTo("alice"));
        Assert.That(entry.ChangedByApiKey, Is.EqualTo(FakeKeyHash));
        Assert.That(entry.BeforeValue, Is.EqualTo("""{"team_alias":"a"}"""));
        Assert.That(entry.UpdatedValues, Is.EqualTo("""{"team_alias":"b"}"""));
        Assert.That(entry.UpdatedAt, Is.EqualTo(Stamps.At));
    }

    [Test]
    public void ACreateHasNoBeforeAndADeleteNoAfter()
    {
        var created = AuditEntry.Record(AuditAction.Created, AuditTables.Keys, "k1", "alice", FakeKeyHash, null, "{}", Stamps.At);
        var deleted = AuditEntry.Record(AuditAction.Deleted, AuditTables.Keys, "k1", "alice", FakeKeyHash, "{}", null, Stamps.At);

        Assert.That(created.BeforeValue, Is.Null);
        Assert.That(created.UpdatedValues, Is.EqualTo("{}"));
        Assert.That(deleted.BeforeValue, Is.EqualTo("{}"));
        Assert.That(deleted.UpdatedValues, Is.Null);
    }

    [Test]
    public void EveryEntryGetsItsOwnId()
    {
        var first = AuditEntry.Record(AuditAction.Blocked, AuditTables.Keys, "k1", "alice", FakeKeyHash, "{}", "{}", Stamps.At);
        var second = AuditEntry.Record(AuditAction.Blocked, AuditTables.Keys, "k1", "alice", FakeKeyHash, "{}", "{}", Stamps.At);

        Assert.That(second.Id, Is.Not.EqualTo(first.Id));
    }
}
