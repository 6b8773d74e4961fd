using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Users;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Revisions;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>The database, not only the validators, enforces uniqueness and refuses lost updates.</summary>
public sealed class PersistenceRuleTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 0, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task ADuplicateKeyAliasIsAConflict()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
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
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        await using (var setup = database.NewContext())
        {
            setup.Users.Add(User.Create("alice", UserRole.InternalUser, new UserProfile(), new AuditStamp("test", Now)));
            await setup.SaveChangesAsync();
        }

        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var firstCopy = await first.Users.FindAsync("alice");
        var secondCopy = await second.Users.FindAsync("alice");

        firstCopy!.Update(new UserProfile { UserAlias = "first" }, null, new AuditStamp("one", Now));
        await new UnitOfWork(first, Revisions()).SaveChangesAsync(CancellationToken.None);
        secondCopy!.Update(new UserProfile { UserAlias = "second" }, null, new AuditStamp("two", Now));

        Assert.ThrowsAsync<ConcurrencyConflictException>(() => new UnitOfWork(second, Revisions()).SaveChangesAsync(CancellationToken.None));
        await using var check = database.NewContext();
        Assert.That((await check.Users.FindAsync("alice"))!.UserAlias, Is.EqualTo("first"));
    }

    [Test]
    public async Task EveryUpdateMovesTheVersionOn()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        await using var context = database.NewContext();
        var user = User.Create("bob", UserRole.InternalUser, new UserProfile(), new AuditStamp("test", Now));
        context.Users.Add(user);
        await context.SaveChangesAsync();
        var created = user.Version;

        user.Update(new UserProfile { UserAlias = "b" }, null, new AuditStamp("test", Now));
        await context.SaveChangesAsync();

        Assert.That(user.Version, Is.EqualTo(created + 1));
    }

    [Test]
    public async Task AWriteLockHeldPastTheBusyTimeoutIsATransientFailure()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using var held = holder.BeginTransaction(deferred: false);

        await using var waiting = database.NewContext("Default Timeout=1;Pooling=False");
        var unitOfWork = new UnitOfWork(waiting, Revisions());
        var failure = Assert.CatchAsync(() => unitOfWork.BeginTransactionAsync(CancellationToken.None));

        Assert.That(unitOfWork.IsTransientFailure(failure!), Is.True, failure!.GetType().Name);
        Assert.That(unitOfWork.IsTransientFailure(new InvalidOperationException("wrapped", failure)), Is.True, "a wrapped busy error is still transient");
        Assert.That(unitOfWork.IsTransientFailure(new InvalidOperationException("a bug")), Is.False);
    }

    private static RevisionTracker Revisions() => new(new RevisionSettings(RevisionSettings.DefaultPollInterval, RevisionSettings.DefaultMaxWait), TimeProvider.System);

    private static VirtualKey NewKey(string hash, string alias) =>
        VirtualKey.Issue(new IssuedSecret(hash.PadRight(64, '0'), "sk-...abcd"), null, new KeySettings { KeyAlias = alias }, new AuditStamp("test", Now));
}
