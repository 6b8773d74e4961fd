using Moq;
using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Idempotency;

namespace ProxyAdmin.Application.UnitTests.Common.Idempotency;

public sealed class IdempotencyPurgerTests
{
    private static readonly DateTime Start = FixedClock.DefaultNow.UtcDateTime;

    private InMemoryIdempotencyRecords _records = null!;
    private Mock<IUnitOfWork> _unitOfWork = null!;
    private Mock<ITransaction> _transaction = null!;
    private MutableClock _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _records = new InMemoryIdempotencyRecords();
        _transaction = new Mock<ITransaction>();
        _unitOfWork = new Mock<IUnitOfWork>();
        _unitOfWork.Setup(u => u.BeginTransactionAsync(It.IsAny<CancellationToken>())).ReturnsAsync(_transaction.Object);
        _clock = new MutableClock(FixedClock.DefaultNow);
    }

    [Test]
    public async Task ShouldNotTakeTheWriteLockWhenNothingHasExpired()
    {
        _records.Add(Record("live", Start));

        var deleted = await Purger().PurgeBatchAsync(500, CancellationToken.None);

        Assert.That(deleted, Is.Zero);
        Assert.That(_records.All, Has.Count.EqualTo(1));
        _unitOfWork.Verify(u => u.BeginTransactionAsync(It.IsAny<CancellationToken>()), Times.Never, "an idle replica queues no writer");
    }

    [Test]
    public async Task ShouldDeleteTheExpiredRecordsOneCommittedBatchAtATimeAndKeepTheLiveOnes()
    {
        _records.Add(Record("old-1", Start - TimeSpan.FromDays(2)));
        _records.Add(Record("old-2", Start - TimeSpan.FromDays(2)));
        _records.Add(Record("old-3", Start - TimeSpan.FromDays(2)));
        _records.Add(Record("live", Start));

        var first = await Purger().PurgeBatchAsync(2, CancellationToken.None);
        var second = await Purger().PurgeBatchAsync(2, CancellationToken.None);
        var third = await Purger().PurgeBatchAsync(2, CancellationToken.None);

        Assert.That(new[] { first, second, third }, Is.EqualTo(new[] { 2, 1, 0 }));
        Assert.That(_records.All.Select(r => r.IdempotencyKey), Is.EqualTo(new[] { "live" }));
        _transaction.Verify(t => t.CommitAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task ShouldDeleteARecordTheMomentItsWindowCloses()
    {
        _records.Add(Record("closing", Start));
        _clock.Now += IdempotencyFixture.Window;

        Assert.That(await Purger().PurgeBatchAsync(500, CancellationToken.None), Is.EqualTo(1));
    }

    private IdempotencyPurger Purger() => new(_records, _unitOfWork.Object, _clock);

    private static IdempotencyRecord Record(string key, DateTime answeredAt) =>
        IdempotencyRecord.Record(new string('a', 64), key, new string('f', 64), "salt-1:{}", null, answeredAt, IdempotencyFixture.Window);
}
