using ProxyAdmin.Application.Audit;
using ProxyAdmin.Application.Audit.Queries.ExportAuditLog;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.UnitTests.Audit;

public sealed class ExportAuditLogQueryHandlerTests
{
    private InMemoryReadRepository _reads = null!;
    private readonly ExportAuditLogQueryValidator _validator = new();
    private List<AuditEntry> _rows = null!;

    [SetUp]
    public void SetUp()
    {
        _reads = new InMemoryReadRepository();
        var (rows, head) = AuditChainRows.Chain(ExportAuditLogQueryHandler.BatchSize + 20);
        var planted = AuditEntry.Record(AuditAction.Deleted, AuditTables.Users, "u1", "alice", new string('c', 64), "{}", null, AuditChainRows.Start);
        _rows = rows;
        _reads.Seed(head);
        _reads.Seed([planted, .. rows]);
    }

    [Test]
    public async Task ShouldExportTheChainAfterTheSequenceInOrderAcrossBatches()
    {
        var exported = await Export(new ExportAuditLogQuery { After = 10, Limit = 100_000 });

        Assert.That(exported.Select(r => r.Sequence), Is.EqualTo(_rows.Skip(10).Select(r => r.Sequence)), "every link after 10, none without a sequence");
        Assert.That(_reads.Specifications.OfType<AuditChainAfter>().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldStopAtTheLimit()
    {
        var exported = await Export(new ExportAuditLogQuery { After = 0, Limit = 3 });

        Assert.That(exported.Select(r => r.Sequence), Is.EqualTo(new long?[] { 1, 2, 3 }));
    }

    [Test]
    public async Task ShouldGiveEachRowAsTheAuditReadsDo()
    {
        var exported = await Export(new ExportAuditLogQuery { Limit = 1 });

        Assert.That(System.Text.Json.JsonSerializer.Serialize(exported.Single()), Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(AuditLogDto.From(_rows[0]))));
        Assert.That(exported.Single().Hash, Is.EqualTo(_rows[0].Hash));
    }

    [Test]
    public async Task ShouldReadNothingUntilTheRowsAreWritten()
    {
        var rows = await new ExportAuditLogQueryHandler(_reads).Handle(new ExportAuditLogQuery(), CancellationToken.None);

        Assert.That(_reads.Specifications, Is.Empty, "the batches are read as the response is written");
        Assert.That(await rows.CountAsync(), Is.EqualTo(_rows.Count), "the default limit, 1000, is above the rows");
    }

    [Test]
    public void ShouldRefuseANegativeSequenceAndALimitOutOfBounds()
    {
        Assert.That(_validator.InvalidFields(new ExportAuditLogQuery()), Is.Empty);
        Assert.That(_validator.InvalidFields(new ExportAuditLogQuery { After = -1, Limit = 0 }), Is.EquivalentTo(new[] { "after", "limit" }));
        Assert.That(_validator.InvalidFields(new ExportAuditLogQuery { Limit = ExportAuditLogQuery.MaxLimit + 1 }), Is.EqualTo(new[] { "limit" }));
    }

    private async Task<List<AuditLogDto>> Export(ExportAuditLogQuery query) =>
        await (await new ExportAuditLogQueryHandler(_reads).Handle(query, CancellationToken.None)).ToListAsync();
}
