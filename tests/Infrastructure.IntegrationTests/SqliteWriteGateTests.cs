using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Revisions;
using SQLitePCL;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// This process's writers on one SQLite file queue on the write gate, awaiting, before BEGIN IMMEDIATE: the second
/// waits for the first transaction to end (commit or rollback) and then gets the next revision; a writer without the
/// gate (another process's) still queues in SQLite's busy handler. The writer inside is lent the process's one write
/// connection, whose statements stay prepared, and its context gets a connection of its own back when it leaves.
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

    [Test]
    public async Task WritersTakeTurnsOnOneWriteConnectionAndGetTheirOwnBack()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        using var gate = new SqliteWriteGate();
        await using var firstContext = InterceptedContext(database);
        await using var secondContext = InterceptedContext(database);

        var lent = new List<DbConnection>();
        foreach (var context in new[] { firstContext, secondContext })
        {
            var own = context.Database.GetDbConnection();
            await using (var transaction = await new UnitOfWork(context, Revisions(), gate).BeginTransactionAsync(CancellationToken.None))
            {
                var connection = context.Database.GetDbConnection();
                Assert.That(connection, Is.Not.SameAs(own), "inside the gate the context writes on the write connection");
                Assert.That(SqliteWriteSession.Of(connection), Is.Not.Null);
                lent.Add(connection);
                Assert.That(await context.Users.AnyAsync(u => u.UserId == "nobody"), Is.False);
                await transaction.CommitAsync(CancellationToken.None);
            }

            var after = context.Database.GetDbConnection();
            Assert.That(after, Is.Not.SameAs(lent[^1]), "out of the gate the context no longer holds the write connection");
            Assert.That(after.ConnectionString, Is.EqualTo(database.ConnectionString));
            Assert.That(await context.Users.CountAsync(), Is.Zero, "the context reads on a connection of its own again");
        }

        Assert.That(lent[1], Is.SameAs(lent[0]), "one write connection for every writer of the process");
        Assert.That(lent[0].State, Is.EqualTo(ConnectionState.Open), "kept open between writers");
    }

    [Test]
    public async Task EachStatementOnTheWriteConnectionIsPreparedOnce()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        using var session = SqliteWriteSession.Open(database.ConnectionString);
        session.Connection.Handle!.enable_sqlite3_next_stmt(true);
        await using var context = InterceptedContext(database);
        context.Database.SetDbConnection(session.Connection, contextOwnsConnection: false);

        for (var write = 0; write < 2; write++)
        {
            await using var transaction = await context.Database.BeginTransactionAsync();
            await RevisionCounter.IncrementAsync(context, CancellationToken.None);
            Assert.That(await context.Users.AnyAsync(u => u.UserId == "nobody"), Is.False);
            await transaction.CommitAsync();
        }

        // Both transactions' statements (the revision's, EF's query) each ran twice on one prepared statement.
        var runs = RunsByStatement(session.Connection);
        Assert.That(runs.Keys, Has.Some.StartsWith("UPDATE \"Revision\""));
        Assert.That(runs.Keys, Has.Some.Contains("FROM \"Users\""));
        Assert.That(runs.Values, Has.All.EqualTo(2), string.Join("; ", runs.Select(r => $"{r.Value}x {r.Key}")));
    }

    [Test]
    public async Task AClosedWriteConnectionLetsGoOfItsStatements()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        using var session = SqliteWriteSession.Open(database.ConnectionString);
        var kept = session.Take("SELECT 1");
        Assert.That(kept, Is.Not.Null);
        Assert.That(session.Take("SELECT 1"), Is.Null, "a command in use is not lent twice");
        session.Give(kept!);

        // Microsoft.Data.Sqlite no longer tracks a command after the first close: a statement kept across it could run on
        // a handle that went back to the pool.
        session.Connection.Close();
        Assert.That(session.Take("SELECT 1"), Is.Null, "nothing runs on a closed write connection");
        session.Connection.Open();
        Assert.That(session.Take("SELECT 1"), Is.Not.SameAs(kept), "a new command after the close");
    }

    private static SqliteProxyAdminDbContext InterceptedContext(SqliteDatabase database) =>
        new(new DbContextOptionsBuilder<SqliteProxyAdminDbContext>()
            .UseSqlite(database.ConnectionString)
            .AddInterceptors(SqliteWriteStatements.Interceptor)
            .Options);

    /// <summary>How often each statement prepared on the connection has run (SQLITE_STMTSTATUS_RUN).</summary>
    private static Dictionary<string, int> RunsByStatement(SqliteConnection connection)
    {
        const int statusRun = 6;
        var runs = new Dictionary<string, int>();
        for (var statement = raw.sqlite3_next_stmt(connection.Handle, null); statement is not null; statement = raw.sqlite3_next_stmt(connection.Handle, statement))
        {
            runs[raw.sqlite3_sql(statement).utf8_to_string()] = raw.sqlite3_stmt_status(statement, statusRun, 0);
        }

        return runs;
    }

    private static RevisionTracker Revisions() => new(new RevisionSettings(RevisionSettings.DefaultPollInterval, RevisionSettings.DefaultMaxWait), TimeProvider.System);
}
