using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.UnitTests.TestSupport;

namespace ProxyAdmin.Domain.UnitTests.Audit;

public sealed class AuditChainTests
{
    private static readonly string KeyHash = new('c', 64);

    [Test]
    public void TheHeadGivesSequencesOneByOneAndChainsEachHashToTheOneBefore()
    {
        var head = AuditChainHead.Empty();
        var first = Entry("t1");
        var second = Entry("t2");

        head.Append(first);
        head.Append(second);

        Assert.That(first.Sequence, Is.EqualTo(1));
        Assert.That(second.Sequence, Is.EqualTo(2));
        Assert.That(first.Hash, Is.EqualTo(AuditChain.HashOf(AuditChain.Genesis, first)));
        Assert.That(second.Hash, Is.EqualTo(AuditChain.HashOf(first.Hash!, second)));
        Assert.That(head.Sequence, Is.EqualTo(2));
        Assert.That(head.Hash, Is.EqualTo(second.Hash));
    }

    [Test]
    public void ARowIsChainedOnce()
    {
        var head = AuditChainHead.Empty();
        var entry = Entry("t1");
        head.Append(entry);

        Assert.Throws<InvalidOperationException>(() => head.Append(entry));
        Assert.That(head.Sequence, Is.EqualTo(1));
    }

    /// <summary>The format a SIEM recomputes (README, "Verifiable audit"), written out here by hand.</summary>
    [Test]
    public void TheHashIsSha256OverThePreviousHashAndTheDocumentedCanonicalContent()
    {
        var entry = AuditEntry.Record(
            AuditAction.Reencrypted, AuditTables.Teams, "t\"1", "alice", KeyHash, """{ "b": 1.50, "a": [true, null, "é\n"] }""", null, Stamps.At.AddTicks(1234567));
        AuditChainHead.Empty().Append(entry);
        var expectedContent =
            "{\"action\":\"reencrypted\",\"before_value\":{\"a\":[true,null,\"é\\n\"],\"b\":1.50},\"changed_by\":\"alice\","
            + $"\"changed_by_api_key\":\"{KeyHash}\",\"id\":\"{entry.Id:D}\",\"object_id\":\"t\\\"1\",\"sequence\":1,"
            + "\"table_name\":\"LiteLLM_TeamTable\",\"updated_at\":\"2026-01-31T12:00:00.123456Z\",\"updated_values\":null}";

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditChain.Genesis + expectedContent)));

        Assert.That(Encoding.UTF8.GetString(AuditChain.CanonicalContent(entry)), Is.EqualTo(expectedContent));
        Assert.That(entry.Hash, Is.EqualTo(expected));
    }

    [TestCase("""{"a":1,"b":{"y":2,"x":3}}""", """{ "b" : { "x":3, "y":2 }, "a":1 }""")]
    [TestCase("""["\u00e9","\/"]""", """["é","/"]""")]
    public void TheCanonicalFormIgnoresKeyOrderWhitespaceAndEscapes(string one, string other) =>
        Assert.That(AuditChain.Canonical(one), Is.EqualTo(AuditChain.Canonical(other)));

    [Test]
    public void TheCanonicalFormKeepsWhatTheValueSays()
    {
        Assert.That(AuditChain.Canonical("""{"a":1}"""), Is.Not.EqualTo(AuditChain.Canonical("""{"a":2}""")));
        Assert.That(AuditChain.Canonical("""[1,2]"""), Is.Not.EqualTo(AuditChain.Canonical("""[2,1]""")), "arrays keep their order");
        Assert.That(AuditChain.Canonical("""{"k":"\u0001"}"""), Is.EqualTo("{\"k\":\"\\u0001\"}"));
    }

    [Test]
    public void AnInstantHasSixFractionalDigitsWhateverItsKind()
    {
        var utc = new DateTime(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc).AddTicks(10);
        var unspecified = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified);

        Assert.That(AuditChain.Instant(utc), Is.EqualTo("2026-01-31T12:00:00.000001Z"));
        Assert.That(AuditChain.Instant(unspecified), Is.EqualTo("2026-01-31T12:00:00.000001Z"), "stored instants are UTC; SQLite hands them back without a kind");
    }

    [Test]
    public void AWholeChainVerifies()
    {
        var rows = Chain(5);
        var verifier = new AuditChainVerifier();

        Assert.That(rows.Select(verifier.Check), Is.All.Null);
        Assert.That(verifier.Finish(HeadAfter(rows)), Is.Null);
        Assert.That(verifier.RowsChecked, Is.EqualTo(5));
    }

    [Test]
    public void AnAlteredRowIsReportedAtItsSequence()
    {
        var rows = Chain(4);
        Set(rows[2], nameof(AuditEntry.UpdatedValues), """{"team_alias":"forged"}""");

        var (problem, checkedRows) = Walk(rows);

        Assert.That(problem, Is.EqualTo(new AuditChainProblem(AuditChainFault.Altered, 3, rows[2].Id, problem!.Message)));
        Assert.That(checkedRows, Is.EqualTo(3));
    }

    [Test]
    public void AStoredValueThatIsNoLongerJsonIsAlteredNotAFailure()
    {
        var rows = Chain(2);
        Set(rows[0], nameof(AuditEntry.BeforeValue), "{not json");

        Assert.That(Walk(rows).Problem?.Fault, Is.EqualTo(AuditChainFault.Altered));
    }

    [Test]
    public void ARecomputedHashWrittenBackIsStillFoundByTheNextRow()
    {
        var rows = Chain(3);
        Set(rows[1], nameof(AuditEntry.ObjectId), "other");
        Set(rows[1], nameof(AuditEntry.Hash), AuditChain.HashOf(rows[0].Hash!, rows[1]));

        var (problem, _) = Walk(rows);

        Assert.That(problem?.Fault, Is.EqualTo(AuditChainFault.Altered));
        Assert.That(problem?.Sequence, Is.EqualTo(3), "the next row was sealed after the original hash");
    }

    [Test]
    public void ADeletedRowIsMissingAtItsSequence()
    {
        var rows = Chain(5);
        var head = HeadAfter(rows);
        rows.RemoveRange(1, 2);

        var (problem, checkedRows) = Walk(rows, head);

        Assert.That(problem?.Fault, Is.EqualTo(AuditChainFault.Missing));
        Assert.That(problem?.Sequence, Is.EqualTo(2));
        Assert.That(problem?.RowId, Is.Null);
        Assert.That(problem?.Message, Does.Contain("sequences 2 to 3"));
        Assert.That(checkedRows, Is.EqualTo(2));
    }

    [Test]
    public void RowsDeletedAtTheEndAreMissingAgainstTheHead()
    {
        var rows = Chain(3);
        var head = HeadAfter(rows);
        rows.RemoveAt(2);

        var (problem, _) = Walk(rows, head);

        Assert.That(problem, Is.EqualTo(new AuditChainProblem(AuditChainFault.Missing, 3, null, problem!.Message)));
    }

    [Test]
    public void ASequenceHeldTwiceIsOutOfOrder()
    {
        var rows = Chain(3);
        var copy = Entry("dup");
        Set(copy, nameof(AuditEntry.Sequence), 2L);
        rows.Insert(2, copy);

        var (problem, _) = Walk(rows, HeadAfter(rows));

        Assert.That(problem, Is.EqualTo(new AuditChainProblem(AuditChainFault.OutOfOrder, 2, copy.Id, problem!.Message)));
    }

    private static (AuditChainProblem? Problem, long RowsChecked) Walk(List<AuditEntry> rows, AuditChainHead? head = null)
    {
        var verifier = new AuditChainVerifier();
        foreach (var row in rows)
        {
            if (verifier.Check(row) is { } problem)
            {
                return (problem, verifier.RowsChecked);
            }
        }

        return (verifier.Finish(head ?? HeadAfter(rows)), verifier.RowsChecked);
    }

    private static List<AuditEntry> Chain(int count)
    {
        var head = AuditChainHead.Empty();
        var rows = Enumerable.Range(1, count).Select(i => Entry($"t{i}")).ToList();
        rows.ForEach(head.Append);
        return rows;
    }

    /// <summary>A head as the database holds it after <paramref name="rows"/> were chained (the last of them as written).</summary>
    private static AuditChainHead HeadAfter(List<AuditEntry> rows)
    {
        var head = AuditChainHead.Empty();
        Set(head, nameof(AuditChainHead.Sequence), rows.Max(r => r.Sequence!.Value));
        Set(head, nameof(AuditChainHead.Hash), rows.MaxBy(r => r.Sequence)!.Hash!);
        return head;
    }

    private static AuditEntry Entry(string objectId) =>
        AuditEntry.Record(AuditAction.Updated, AuditTables.Teams, objectId, "alice", KeyHash, """{"team_alias":"a"}""", """{"team_alias":"b","max_budget":1}""", Stamps.At);

    /// <summary>What an edit of the database behind the service's back does to a row.</summary>
    private static void Set(object target, string property, object value) =>
        target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(target, value);
}
