using Moq;
using ProxyAdmin.Application.Audit.Queries.ListAuditChanges;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.UnitTests.Audit;

public sealed class ListAuditChangesQueryHandlerTests
{
    private InMemoryReadRepository _reads = null!;
    private Mock<IAppliedRevision> _revisions = null!;
    private readonly ListAuditChangesQueryValidator _validator = new();
    private List<AuditEntry> _rows = null!;

    [SetUp]
    public void SetUp()
    {
        _reads = new InMemoryReadRepository();
        _revisions = new Mock<IAppliedRevision>(MockBehavior.Strict);
        (_rows, var head) = AuditChainRows.Chain(5);
        _reads.Seed(head);
        _revisions.SetupGet(r => r.Applied).Returns(40);
    }

    [Test]
    public async Task ShouldAnswerAtOnceWhenRowsExistAfterTheSequence()
    {
        _reads.Seed([.. _rows]);

        var changes = await Handle(new ListAuditChangesQuery { After = 2, Wait = 30, Limit = 2 });

        Assert.That(changes.Changes.Select(c => c.Sequence), Is.EqualTo(new long?[] { 3, 4 }));
        Assert.That(changes.NextAfter, Is.EqualTo(4));
        _revisions.Verify(r => r.WaitBeyondAsync(It.IsAny<long>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldAnswerEmptyAtOnceWithoutAWait()
    {
        var changes = await Handle(new ListAuditChangesQuery { After = 0 });

        Assert.That(changes.Changes, Is.Empty);
        Assert.That(changes.NextAfter, Is.Zero);
        _revisions.Verify(r => r.WaitBeyondAsync(It.IsAny<long>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldSleepOnTheRevisionReadBeforeTheQueryAndReadAgainWhenItMoves()
    {
        using var cancellation = new CancellationTokenSource();
        _revisions.Setup(r => r.WaitBeyondAsync(40, It.Is<TimeSpan>(t => t > TimeSpan.FromSeconds(9) && t <= TimeSpan.FromSeconds(10)), cancellation.Token))
            .Callback(() => _reads.Seed(_rows[0]))
            .ReturnsAsync(true);

        var changes = await Handle(new ListAuditChangesQuery { After = 0, Wait = 10 }, cancellation.Token);

        Assert.That(changes.Changes.Select(c => c.ObjectId), Is.EqualTo(new[] { "t1" }));
        Assert.That(changes.NextAfter, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldAnswerEmptyWhenTheWaitRunsOut()
    {
        _revisions.Setup(r => r.WaitBeyondAsync(40, It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var changes = await Handle(new ListAuditChangesQuery { After = 7, Wait = 1 });

        Assert.That(changes.Changes, Is.Empty);
        Assert.That(changes.NextAfter, Is.EqualTo(7));
        Assert.That(_reads.Specifications, Has.Count.EqualTo(1), "one read, then the wait, and no second read after it ran out");
    }

    [Test]
    public void ShouldPassTheCancellationOfADisconnectedClientOn()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        _revisions.Setup(r => r.WaitBeyondAsync(40, It.IsAny<TimeSpan>(), cancellation.Token)).ThrowsAsync(new OperationCanceledException(cancellation.Token));

        Assert.ThrowsAsync<OperationCanceledException>(async () => await Handle(new ListAuditChangesQuery { Wait = 5 }, cancellation.Token));
    }

    [Test]
    public void ShouldCapTheWaitAndBoundTheSequenceAndLimit()
    {
        Assert.That(_validator.InvalidFields(new ListAuditChangesQuery()), Is.Empty);
        Assert.That(_validator.InvalidFields(new ListAuditChangesQuery { Wait = ListAuditChangesQuery.MaxWaitSeconds }), Is.Empty);
        Assert.That(_validator.InvalidFields(new ListAuditChangesQuery { Wait = ListAuditChangesQuery.MaxWaitSeconds + 1, After = -1, Limit = 0 }), Is.EquivalentTo(new[] { "wait", "after", "limit" }));
        Assert.That(_validator.InvalidFields(new ListAuditChangesQuery { Wait = -1, Limit = ListAuditChangesQuery.MaxLimit + 1 }), Is.EquivalentTo(new[] { "wait", "limit" }));
    }

    private async Task<AuditChangesDto> Handle(ListAuditChangesQuery query, CancellationToken cancellationToken = default) =>
        await new ListAuditChangesQueryHandler(_reads, _revisions.Object, TimeProvider.System).Handle(query, cancellationToken);
}
