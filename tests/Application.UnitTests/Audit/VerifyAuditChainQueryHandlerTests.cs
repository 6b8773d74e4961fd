using ProxyAdmin.Application.Audit;
using ProxyAdmin.Application.Audit.Queries.VerifyAuditChain;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.UnitTests.Audit;

public sealed class VerifyAuditChainQueryHandlerTests
{
    private InMemoryReadRepository _reads = null!;

    [SetUp]
    public void SetUp() => _reads = new InMemoryReadRepository();

    [Test]
    public async Task ShouldWalkALongChainInBatchesAndFindItWhole()
    {
        var (rows, head) = AuditChainRows.Chain(VerifyAuditChainQueryHandler.BatchSize * 2 + 7);
        _reads.Seed(head);
        _reads.Seed([.. rows]);

        var result = await Handle();

        Assert.That(result.Valid, Is.True);
        Assert.That(result.FirstProblem, Is.Null);
        Assert.That(result.RowsChecked, Is.EqualTo(rows.Count));
        Assert.That(result.HeadSequence, Is.EqualTo(rows.Count));
        Assert.That(result.HeadHash, Is.EqualTo(rows[^1].Hash));
        Assert.That(_reads.Specifications.OfType<AuditChainAfter>().Count(), Is.EqualTo(3), "three batches, none holding the whole chain");
    }

    [Test]
    public async Task ShouldReportTheFirstAlteredRowAndHowManyRowsItChecked()
    {
        var (rows, head) = AuditChainRows.Chain(6);
        AuditChainRows.Set(rows[3], nameof(AuditEntry.ChangedBy), "mallory");
        AuditChainRows.Set(rows[4], nameof(AuditEntry.ChangedBy), "mallory");
        _reads.Seed(head);
        _reads.Seed([.. rows]);

        var result = await Handle();

        Assert.That(result.Valid, Is.False);
        Assert.That(result.RowsChecked, Is.EqualTo(4));
        Assert.That(result.FirstProblem!.Problem, Is.EqualTo(AuditChainFault.Altered));
        Assert.That(result.FirstProblem.Sequence, Is.EqualTo(4));
        Assert.That(result.FirstProblem.Id, Is.EqualTo(rows[3].Id));
    }

    [Test]
    public async Task ShouldReportADeletedRowAsMissing()
    {
        var (rows, head) = AuditChainRows.Chain(4);
        _reads.Seed(head);
        _reads.Seed(rows[0], rows[2], rows[3]);

        var result = await Handle();

        Assert.That(result.FirstProblem!.Problem, Is.EqualTo(AuditChainFault.Missing));
        Assert.That(result.FirstProblem.Sequence, Is.EqualTo(2));
        Assert.That(result.FirstProblem.Id, Is.Null);
    }

    [Test]
    public async Task ShouldReportARowWithoutASequenceAsInsertedOnceTheChainIsWhole()
    {
        var (rows, head) = AuditChainRows.Chain(2);
        var planted = AuditEntry.Record(AuditAction.Deleted, AuditTables.Users, "u1", "alice", new string('c', 64), "{}", null, AuditChainRows.Start);
        _reads.Seed(head);
        _reads.Seed(rows[0], planted, rows[1]);

        var result = await Handle();

        Assert.That(result.RowsChecked, Is.EqualTo(2));
        Assert.That(result.FirstProblem!.Problem, Is.EqualTo(AuditChainFault.Inserted));
        Assert.That(result.FirstProblem.Id, Is.EqualTo(planted.Id));
        Assert.That(result.FirstProblem.Sequence, Is.Null);
    }

    [Test]
    public async Task ShouldReportARowPastTheHeadAsInserted()
    {
        var (rows, _) = AuditChainRows.Chain(3);
        var (_, headAtTwo) = AuditChainRows.Chain(0);
        AuditChainRows.Set(headAtTwo, nameof(AuditChainHead.Sequence), 2L);
        AuditChainRows.Set(headAtTwo, nameof(AuditChainHead.Hash), rows[1].Hash);
        _reads.Seed(headAtTwo);
        _reads.Seed([.. rows]);

        var result = await Handle();

        Assert.That(result.RowsChecked, Is.EqualTo(2), "the walk stops at the head");
        Assert.That(result.FirstProblem!.Problem, Is.EqualTo(AuditChainFault.Inserted));
        Assert.That(result.FirstProblem.Sequence, Is.EqualTo(3));
        Assert.That(result.FirstProblem.Id, Is.EqualTo(rows[2].Id));
    }

    [Test]
    public async Task ShouldFindAnEmptyChainWhole()
    {
        _reads.Seed(AuditChainHead.Empty());

        var result = await Handle();

        Assert.That(result.Valid, Is.True);
        Assert.That(result.RowsChecked, Is.Zero);
        Assert.That(result.HeadHash, Is.EqualTo(AuditChain.Genesis));
    }

    private async Task<AuditChainVerificationDto> Handle() =>
        await new VerifyAuditChainQueryHandler(_reads).Handle(new VerifyAuditChainQuery(), CancellationToken.None);
}
