using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Revisions;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// This process's writers on one SQLite file queue on the write gate, awaiting, before BEGIN IMMEDIATE: the second
/// waits for the first transaction to end (commit or rollback) and then gets the next revision; a writer without the
/// gate (another process's) still queues in SQLite's busy handler.
/// </summary>
public sealed class SqliteWriteGateTests
{
    [Test]
    public async Task ASecondWriterWaitsForTheFirstTransactionToEndThenTakesTheNextRevision()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        using var gate = new SqliteWriteGate();
        await using var firstContext = database.NewContext();
        await using var secondContext = database.NewContext();
        var first = new UnitOfWork(firstContext, Revisions(), gate);
        var second = new UnitOfWork(secondContext, Revisions(), gate);

        long firstRevision;
        Task<ProxyAdmin.Application.Common.Interfaces.ITransaction> secondBegins;
        await using (var held = await first.BeginTransactionAsync(CancellationToken.None))
        {
            secondBegins = second.BeginTransactionAsync(CancellationToken.None);
            await Task.Delay(300);
            Assert.That(secondBegins.IsCompleted, Is.False, "the second writer must wait at the gate while the first transaction is open");
            await held.CommitAsync(CancellationToken.None);
            firstRevision = first.CommittedRevision!.Value;
        }

        await using (var next = await secondBegins.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            await next.CommitAsync(CancellationToken.None);
        }

        Assert.That(second.CommittedRevision, Is.EqualTo(firstRevision + 1));
    }

    [Test]
    public async Task ARolledBackTransactionFreesTheGate()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        using var gate = new SqliteWriteGate();
        await using var firstContext = database.NewContext();
        await using var secondContext = database.NewContext();

        await using (await new UnitOfWork(firstContext, Revisions(), gate).BeginTransactionAsync(CancellationToken.None))
        {
            // Disposed without a commit: rolled back.
        }

        var second = new UnitOfWork(secondContext, Revisions(), gate);
        await using var next = await second.BeginTransactionAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await next.CommitAsync(CancellationToken.None);
        Assert.That(second.CommittedRevision, Is.Not.Null);
    }

    [Test]
    public async Task AWriterOfAnotherProcessStillQueuesInTheBusyHandler()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        using var gate = new SqliteWriteGate();
        await using var gatedContext = database.NewContext();
        await using var otherContext = database.NewContext();
        var gated = new UnitOfWork(gatedContext, Revisions(), gate);
        var other = new UnitOfWork(otherContext, Revisions());

        Task<ProxyAdmin.Application.Common.Interfaces.ITransaction> otherBegins;
        await using (var held = await gated.BeginTransactionAsync(CancellationToken.None))
        {
            // On a thread of its own: SQLite's busy handler blocks the thread that waits (which is what the gate spares).
            otherBegins = Task.Run(() => other.BeginTransactionAsync(CancellationToken.None));
            await Task.Delay(300);
            Assert.That(otherBegins.IsCompleted, Is.False, "SQLite's lock must hold the ungated writer back");
            await held.CommitAsync(CancellationToken.None);
        }

        await using var next = await otherBegins.WaitAsync(TimeSpan.FromSeconds(10));
        await next.CommitAsync(CancellationToken.None);
        Assert.That(other.CommittedRevision, Is.EqualTo(gated.CommittedRevision + 1));
    }

    private static RevisionTracker Revisions() => new(new RevisionSettings(RevisionSettings.DefaultPollInterval, RevisionSettings.DefaultMaxWait), TimeProvider.System);
}
