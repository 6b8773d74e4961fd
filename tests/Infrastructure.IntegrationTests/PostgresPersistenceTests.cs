using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Users;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Revisions;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// Every PostgreSQL-specific line of <see cref="UnitOfWork"/>, <see cref="PostgresWriteLock"/> and
/// <see cref="PostgresUnstorableText"/>, live on a real server: each refusal PostgreSQL gives is produced for real
/// and must come out as the same 409, retry or 400 the other providers give.
/// </summary>
public sealed class PostgresPersistenceTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task ADuplicateKeyAliasIsAConflict()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using (var first = database.NewContext())
        {
            first.VirtualKeys.Add(NewKey("hash-one", "shared-alias"));
            await new UnitOfWork(first, Revisions()).SaveChangesAsync(CancellationToken.None);
        }

        await using var second = database.NewContext();
        second.VirtualKeys.Add(NewKey("hash-two", "shared-alias"));

        Assert.ThrowsAsync<ConflictException>(() => new UnitOfWork(second, Revisions()).SaveChangesAsync(CancellationToken.None));
    }

    [Test]
    public async Task AStaleUpdateIsAConflictNotAnOverwrite()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using (var setup = database.NewContext())
        {
            setup.Users.Add(User.Create("alice", UserRole.InternalUser, new UserProfile(), new AuditStamp("test", Now)));
            await setup.SaveChangesAsync();
        }

        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var firstCopy = await first.Users.SingleAsync(u => u.UserId == "alice");
        var secondCopy = await second.Users.SingleAsync(u => u.UserId == "alice");
        firstCopy.Update(new UserProfile { UserAlias = "first" }, null, new AuditStamp("one", Now));
        await new UnitOfWork(first, Revisions()).SaveChangesAsync(CancellationToken.None);
        secondCopy.Update(new UserProfile { UserAlias = "second" }, null, new AuditStamp("two", Now));

        Assert.ThrowsAsync<ConcurrencyConflictException>(() => new UnitOfWork(second, Revisions()).SaveChangesAsync(CancellationToken.None));
        await using var check = database.NewContext();
        Assert.That((await check.Users.SingleAsync(u => u.UserId == "alice")).UserAlias, Is.EqualTo("first"));
    }

    [Test]
    public async Task InstantsAreStoredAsUtcAndReadBackExactlyInAnyLocalZone()
    {
        // dotnet cake runs the tests with TZ=Pacific/Chatham (+13:45 in summer): a local reading would be off by hours.
        var instant = new DateTime(2026, 12, 24, 23, 59, 58, 123, 456, DateTimeKind.Utc);
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using (var write = database.NewContext())
        {
            write.Users.Add(User.Create("clock", UserRole.InternalUser, new UserProfile(), new AuditStamp("test", instant)));
            await write.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        var stored = await read.Users.AsNoTracking().SingleAsync(u => u.UserId == "clock");
        var asText = await read.Database.SqlQueryRaw<string>("""SELECT to_char("CreatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS "Value" FROM "Users" """).SingleAsync();
        var found = await read.Users.CountAsync(u => u.CreatedAt == instant && u.CreatedAt > instant.AddTicks(-10));

        Assert.That(stored.CreatedAt, Is.EqualTo(instant));
        Assert.That(stored.CreatedAt.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(asText, Is.EqualTo("2026-12-24 23:59:58.123456"), "the column holds the UTC instant");
        Assert.That(found, Is.EqualTo(1), "instants compare as instants in queries");
    }

    [Test]
    public async Task CommandTransactionsQueueBehindOneAnotherAndReadsDoNot()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using var firstContext = database.NewContext();
        await using var secondContext = database.NewContext();
        await using var readerContext = database.NewContext();
        var first = new UnitOfWork(firstContext, Revisions());
        var second = new UnitOfWork(secondContext, Revisions());

        await using var firstTransaction = await first.BeginTransactionAsync(CancellationToken.None);
        var secondBegins = second.BeginTransactionAsync(CancellationToken.None);
        await Task.Delay(300);
        var secondWaited = !secondBegins.IsCompleted;
        var readWhileLocked = await readerContext.Users.CountAsync();
        await firstTransaction.CommitAsync(CancellationToken.None);
        await using var secondTransaction = await secondBegins.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(secondWaited, Is.True, "the second command transaction waited for the first");
        Assert.That(readWhileLocked, Is.Zero, "a read went ahead meanwhile");
        Assert.That(await HoldersOfTheWriteLock(database), Is.EqualTo(1), "the second now holds the lock");
    }

    [Test]
    public async Task AWaitForTheWriteLockCutShortByLockTimeoutIsTransient()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using var holderContext = database.NewContext();
        await using var held = await new UnitOfWork(holderContext, Revisions()).BeginTransactionAsync(CancellationToken.None);
        await using var waitingContext = database.NewContext(c => c.Options = "-c lock_timeout=100");
        var waiting = new UnitOfWork(waitingContext, Revisions());

        var failure = Assert.CatchAsync(() => waiting.BeginTransactionAsync(CancellationToken.None));

        Assert.That(failure, Is.InstanceOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.LockNotAvailable));
        Assert.That(waiting.IsTransientFailure(failure!), Is.True);
        Assert.That(waitingContext.Database.CurrentTransaction, Is.Null, "the transaction opened before the wait was ended");
    }

    [Test]
    public async Task AWaitForTheWriteLockPastTheCommandTimeoutIsTransient()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using var holderContext = database.NewContext();
        await using var held = await new UnitOfWork(holderContext, Revisions()).BeginTransactionAsync(CancellationToken.None);
        await using var waitingContext = database.NewContext(c => c.CommandTimeout = 1);
        var waiting = new UnitOfWork(waitingContext, Revisions());

        var failure = Assert.CatchAsync(() => waiting.BeginTransactionAsync(CancellationToken.None));

        Assert.That(failure, Is.InstanceOf<NpgsqlException>().And.Property(nameof(Exception.InnerException)).InstanceOf<TimeoutException>(), failure?.ToString());
        Assert.That(waiting.IsTransientFailure(failure!), Is.True);
    }

    [Test]
    public async Task ASerializationFailureIsTransient()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using (var setup = database.NewContext())
        {
            setup.Users.Add(User.Create("contested", UserRole.InternalUser, new UserProfile(), new AuditStamp("test", Now)));
            await setup.SaveChangesAsync();
        }

        // Two serializable transactions read the row; the first updates and commits; the second's update cannot be
        // serialized after it (SQLSTATE 40001).
        await using var one = await database.OpenConnectionAsync();
        await using var two = await database.OpenConnectionAsync();
        await using var first = await one.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        await using var second = await two.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        await Run(one, """SELECT "Spend" FROM "Users" WHERE "UserId" = 'contested'""");
        await Run(two, """SELECT "Spend" FROM "Users" WHERE "UserId" = 'contested'""");
        await Run(one, """UPDATE "Users" SET "Spend" = 1 WHERE "UserId" = 'contested'""");
        await first.CommitAsync();

        var failure = Assert.CatchAsync(() => Run(two, """UPDATE "Users" SET "Spend" = 2 WHERE "UserId" = 'contested'"""));

        Assert.That(failure, Is.InstanceOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.SerializationFailure));
        Assert.That(UnitOfWork.IsTransient(new DbUpdateException("save failed", failure)), Is.True);
    }

    [Test]
    public async Task ADeadlockVictimIsTransient()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using (var setup = database.NewContext())
        {
            setup.Users.Add(User.Create("a", UserRole.InternalUser, new UserProfile(), new AuditStamp("test", Now)));
            setup.Users.Add(User.Create("b", UserRole.InternalUser, new UserProfile(), new AuditStamp("test", Now)));
            await setup.SaveChangesAsync();
        }

        // Each connection locks one row, then asks for the other's: PostgreSQL ends one of them (SQLSTATE 40P01).
        await using var one = await database.OpenConnectionAsync();
        await using var two = await database.OpenConnectionAsync();
        await using var first = await one.BeginTransactionAsync();
        await using var second = await two.BeginTransactionAsync();
        await Run(one, """UPDATE "Users" SET "Spend" = 1 WHERE "UserId" = 'a'""");
        await Run(two, """UPDATE "Users" SET "Spend" = 1 WHERE "UserId" = 'b'""");
        var oneWaits = Run(one, """UPDATE "Users" SET "Spend" = 2 WHERE "UserId" = 'b'""");
        var twoWaits = Run(two, """UPDATE "Users" SET "Spend" = 2 WHERE "UserId" = 'a'""");
        var outcomes = await Task.WhenAll(Outcome(oneWaits), Outcome(twoWaits));

        var victim = outcomes.OfType<PostgresException>().Single();
        Assert.That(victim.SqlState, Is.EqualTo(PostgresErrorCodes.DeadlockDetected));
        Assert.That(UnitOfWork.IsTransient(victim), Is.True);
    }

    [Test]
    public async Task TheNulCharacterInAWriteIsARefusalNotAFailure()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        var options = new DbContextOptionsBuilder<PostgresProxyAdminDbContext>()
            .UseNpgsql(database.ConnectionString)
            .AddInterceptors(PostgresUnstorableText.Interceptor)
            .Options;
        await using var context = new PostgresProxyAdminDbContext(options);
        var alias = "a\0b";
        context.Users.Add(User.Create("nul", UserRole.InternalUser, new UserProfile { UserAlias = alias }, new AuditStamp("test", Now)));

        var refusal = Assert.ThrowsAsync<BadRequestException>(() => new UnitOfWork(context, Revisions()).SaveChangesAsync(CancellationToken.None));
        var lookup = Assert.ThrowsAsync<BadRequestException>(() => context.Users.AsNoTracking().AnyAsync(u => u.UserAlias == alias));

        var syncLookup = Assert.Throws<BadRequestException>(() => context.Users.AsNoTracking().Any(u => u.UserAlias == alias));

        Assert.That(refusal!.Message, Is.EqualTo(PostgresUnstorableText.Message));
        Assert.That(lookup!.Message, Is.EqualTo(PostgresUnstorableText.Message));
        Assert.That(syncLookup!.Message, Is.EqualTo(PostgresUnstorableText.Message), "the synchronous path too");
    }

    [TestCase(PostgresErrorCodes.SerializationFailure, true)]
    [TestCase(PostgresErrorCodes.DeadlockDetected, true)]
    [TestCase(PostgresErrorCodes.LockNotAvailable, true)]
    [TestCase(PostgresErrorCodes.UniqueViolation, false)]
    [TestCase(PostgresErrorCodes.ForeignKeyViolation, false)]
    [TestCase(PostgresErrorCodes.UndefinedTable, false)]
    public void OnlyWaitsAndSerializationRefusalsAreTransient(string sqlState, bool transient)
    {
        var failure = new PostgresException("refused", "ERROR", "ERROR", sqlState);

        Assert.That(UnitOfWork.IsTransient(failure), Is.EqualTo(transient));
        Assert.That(UnitOfWork.IsUniqueViolation(new DbUpdateException("save failed", failure)), Is.EqualTo(sqlState == PostgresErrorCodes.UniqueViolation));
    }

    private static async Task<long> HoldersOfTheWriteLock(PostgresDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = @key",
            connection);
        command.Parameters.AddWithValue("key", PostgresWriteLock.Key);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Run(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (PostgresException exception)
        {
            return exception;
        }
    }

    private static VirtualKey NewKey(string hash, string alias) =>
        VirtualKey.Issue(new IssuedSecret(hash.PadRight(64, '0'), "sk-...abcd"), null, new KeySettings { KeyAlias = alias }, new AuditStamp("test", Now));

    private static RevisionTracker Revisions() => new(new RevisionSettings(RevisionSettings.DefaultPollInterval, RevisionSettings.DefaultMaxWait), TimeProvider.System);
}
