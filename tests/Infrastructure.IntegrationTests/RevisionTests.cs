using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Revisions;
using ProxyAdmin.Infrastructure.Security;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// The revision row: seeded by the migrations, taken by every command's transaction and given back by a rollback,
/// published to this replica's tracker on commit, read by the poller; and the key cache and the re-authentication
/// that depend on it.
/// </summary>
public sealed class RevisionTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly RevisionSettings Settings = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100));

    [Test]
    public async Task TheSqliteMigrationsSeedRevisionZero()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        await using var context = database.NewContext();

        Assert.That(await RevisionCounter.ReadAsync(context, CancellationToken.None), Is.Zero);
    }

    [Test]
    public void TheSqlServerScriptCreatesAndSeedsTheRevisionRow()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.That(script, Does.Contain("CREATE TABLE [Revision]").And.Contain("[Value] bigint NOT NULL").And.Contain("INSERT INTO [Revision] ([Id], [Value])"));
    }

    [Test]
    public async Task EachCommittedTransactionTakesTheNextRevisionAndPublishesIt()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        using var tracker = new RevisionTracker(Settings, TimeProvider.System);
        var epoch = tracker.CacheEpoch;

        foreach (var expected in new long[] { 1, 2, 3 })
        {
            await using var context = database.NewContext();
            var unitOfWork = new UnitOfWork(context, tracker);
            await using (var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None))
            {
                Assert.That(unitOfWork.CommittedRevision, Is.Null, "nothing is committed before the commit");
                await transaction.CommitAsync(CancellationToken.None);
            }

            Assert.That(unitOfWork.CommittedRevision, Is.EqualTo(expected));
            Assert.That(tracker.Applied, Is.EqualTo(expected), "this replica applies its own commit at once");
            Assert.That(tracker.CacheEpoch, Is.GreaterThan(epoch), "and empties its key cache");
            epoch = tracker.CacheEpoch;
        }

        await using var check = database.NewContext();
        Assert.That(await RevisionCounter.ReadAsync(check, CancellationToken.None), Is.EqualTo(3));
    }

    [Test]
    public async Task ARolledBackTransactionGivesItsRevisionBackAndPublishesNothing()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        using var tracker = new RevisionTracker(Settings, TimeProvider.System);
        var epoch = tracker.CacheEpoch;

        await using (var context = database.NewContext())
        {
            var unitOfWork = new UnitOfWork(context, tracker);
            await using (await unitOfWork.BeginTransactionAsync(CancellationToken.None))
            {
                context.Users.Add(User.Create("rolled-back", UserRole.InternalUser, new UserProfile(), new AuditStamp("test", Now)));
                await unitOfWork.SaveChangesAsync(CancellationToken.None);
            }

            Assert.That(unitOfWork.CommittedRevision, Is.Null);
        }

        await using var check = database.NewContext();
        Assert.That(await RevisionCounter.ReadAsync(check, CancellationToken.None), Is.Zero);
        Assert.That(await check.Users.CountAsync(), Is.Zero);
        Assert.That((tracker.Applied, tracker.CacheEpoch), Is.EqualTo((0L, epoch)));
    }

    [Test]
    public void TheTrackerMovesOnlyForwardAndEmptiesTheCacheEachTime()
    {
        using var tracker = new RevisionTracker(Settings, TimeProvider.System);
        var start = tracker.CacheEpoch;

        tracker.Observed(5, TimeProvider.System.GetTimestamp());
        var afterFive = tracker.CacheEpoch;
        tracker.Observed(5, TimeProvider.System.GetTimestamp());
        tracker.Observed(3, TimeProvider.System.GetTimestamp());
        tracker.Committed(4);

        Assert.That(tracker.Applied, Is.EqualTo(5));
        Assert.That(afterFive, Is.GreaterThan(start));
        Assert.That(tracker.CacheEpoch, Is.EqualTo(afterFive), "nothing older or equal empties the cache again");

        tracker.Committed(6);
        tracker.Forget();
        Assert.That(tracker.Applied, Is.EqualTo(6));
        Assert.That(tracker.CacheEpoch, Is.EqualTo(afterFive + 2), "a commit and a lost push channel each empty it");
    }

    [Test]
    public void CachedLookupsAreTrustedOnlyWhileTheRevisionWasReadRecently()
    {
        var clock = new SteppedClock();
        using var tracker = new RevisionTracker(new RevisionSettings(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)), clock);

        Assert.That(tracker.CacheTrusted, Is.False, "not before the first read");
        tracker.Observed(1, clock.GetTimestamp());
        Assert.That(tracker.CacheTrusted, Is.True);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(tracker.CacheTrusted, Is.True);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.That(tracker.CacheTrusted, Is.False, "a second without a successful read");

        tracker.Committed(2);
        Assert.That(tracker.CacheTrusted, Is.False, "a commit of its own says nothing of the others'");
        tracker.Observed(2, clock.GetTimestamp());
        Assert.That(tracker.CacheTrusted, Is.True);
    }

    [Test]
    public void ASlowPollStretchesTheTrustToTwoIntervals() =>
        Assert.That(new RevisionSettings(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)).CacheTrust, Is.EqualTo(TimeSpan.FromSeconds(6)));

    [Test]
    public async Task AWaitEndsWhenTheRevisionArrivesAndWakesThePoller()
    {
        using var tracker = new RevisionTracker(new RevisionSettings(TimeSpan.FromHours(1), TimeSpan.FromSeconds(10)), TimeProvider.System);
        var pause = tracker.PauseBeforeNextPollAsync(CancellationToken.None);

        var wait = tracker.WaitForAsync(7, CancellationToken.None);
        await pause.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(pause.IsCompletedSuccessfully, Is.True, "a waiting request makes the poller read now, not in an hour");
        Assert.That(wait.IsCompleted, Is.False);

        tracker.Observed(7, TimeProvider.System.GetTimestamp());
        Assert.That(await wait.WaitAsync(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(await tracker.WaitForAsync(6, CancellationToken.None), Is.True, "an applied revision is answered at once");
    }

    [Test]
    public async Task AWaitForARevisionThatDoesNotComeEndsAtTheBound()
    {
        using var tracker = new RevisionTracker(Settings, TimeProvider.System);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.That(await tracker.WaitForAsync(1, CancellationToken.None), Is.False);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(90)).And.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void TheKeyCacheForgetsEverythingFromAnEarlierEpochAndIsSkippedWhileUntrusted()
    {
        var clock = new SteppedClock();
        using var tracker = new RevisionTracker(new RevisionSettings(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)), clock);
        using var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 });
        var cache = new KeyLookupCache(memory, tracker);
        var stored = new StoredKey("alice", UserRole.InternalUser, null, Blocked: false, TeamBlocked: false, Expires: null, BlockedProjectId: null, AllowedRoutes: []);
        tracker.Observed(1, clock.GetTimestamp());

        cache.Set(cache.CurrentGeneration, "hash", stored);
        Assert.That(cache.TryGet("hash", KeyCacheMetrics.Authentication, out var hit) ? hit : null, Is.EqualTo(stored));

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That(cache.TryGet("hash", KeyCacheMetrics.Authentication, out _), Is.False, "the revision was not confirmed for too long");

        tracker.Observed(2, clock.GetTimestamp());
        Assert.That(cache.TryGet("hash", KeyCacheMetrics.Authentication, out _), Is.False, "a newer revision empties the cache whole");
    }

    [Test]
    public async Task ThePollerPassesAnotherReplicasCommitToThisOne()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new RevisionSettings(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5)))
            .AddSingleton<RevisionTracker>()
            .AddHostedService<RevisionPoller>()
            .AddDbContext<SqliteProxyAdminDbContext>(options => options.UseSqlite(database.ConnectionString))
            .AddScoped<ProxyAdminDbContext>(sp => sp.GetRequiredService<SqliteProxyAdminDbContext>());
        await using var provider = services.BuildServiceProvider();
        var tracker = provider.GetRequiredService<RevisionTracker>();
        var poller = provider.GetServices<IHostedService>().Single();
        await poller.StartAsync(CancellationToken.None);
        try
        {
            using var otherReplica = new RevisionTracker(Settings, TimeProvider.System);
            await using (var context = database.NewContext())
            {
                var unitOfWork = new UnitOfWork(context, otherReplica);
                await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }

            Assert.That(await tracker.WaitForAsync(1, CancellationToken.None), Is.True);

            // Trust is dated from when a read was sent; on a loaded machine one read can outlast the trust window, so
            // the poller's next successful read is what the test waits for, not this instant.
            var trustDeadline = DateTime.UtcNow.AddSeconds(5);
            while (!tracker.CacheTrusted && DateTime.UtcNow < trustDeadline)
            {
                await Task.Delay(10);
            }

            Assert.That(tracker.CacheTrusted, Is.True);
        }
        finally
        {
            await poller.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task ReauthenticationReadsTheDatabaseWhereAuthenticationMayAnswerFromTheCache()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        const string presented = "sk-reauthenticated-key-1234";
        var hash = VirtualKeySecrets.HashKey(presented);
        await using (var setup = database.NewContext())
        {
            var stamp = new AuditStamp("test", Now);
            setup.Users.Add(User.Create("alice", UserRole.ProxyAdmin, new UserProfile(), stamp));
            setup.VirtualKeys.Add(VirtualKey.Issue(new IssuedSecret(hash, "sk-...1234"), "alice", new KeySettings(), stamp));
            await setup.SaveChangesAsync();
        }

        using var tracker = new RevisionTracker(Settings, TimeProvider.System);
        tracker.Observed(0, TimeProvider.System.GetTimestamp());
        using var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 });
        var cache = new KeyLookupCache(memory, tracker);
        await using var context = database.NewContext();
        var authenticator = new ApiKeyAuthenticator(context, cache, new ServiceSecrets("sk-master", "salt"), TimeProvider.System);
        var authenticated = (await authenticator.AuthenticateAsync(presented, CancellationToken.None)).Principal!;
        Assert.That(authenticated.Role, Is.EqualTo(UserRole.ProxyAdmin));

        await using (var change = database.NewContext())
        {
            await change.Users.Where(u => u.UserId == "alice").ExecuteUpdateAsync(set => set.SetProperty(u => u.UserRole, UserRole.InternalUser));
        }

        Assert.That((await authenticator.AuthenticateAsync(presented, CancellationToken.None)).Principal!.Role, Is.EqualTo(UserRole.ProxyAdmin), "the cache, not yet emptied");
        Assert.That((await authenticator.ReauthenticateAsync(authenticated, CancellationToken.None)).Principal!.Role, Is.EqualTo(UserRole.InternalUser));

        await using (var change = database.NewContext())
        {
            await change.VirtualKeys.Where(k => k.Token == hash).ExecuteUpdateAsync(set => set.SetProperty(k => k.Blocked, true));
        }

        var refused = await authenticator.ReauthenticateAsync(authenticated, CancellationToken.None);
        Assert.That(refused.Failure, Does.Contain("Key is blocked"));
    }

    [Test]
    public async Task AKeyOfABlockedProjectDoesNotAuthenticate()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        const string presented = "sk-project-key-5678";
        await using (var setup = database.NewContext())
        {
            var stamp = new AuditStamp("test", Now);
            setup.Teams.Add(Team.Create("team-p", new TeamSettings(), stamp));
            setup.Projects.Add(Project.Create("proj-p", "team-p", new ProjectSettings { Blocked = true }, stamp));
            setup.VirtualKeys.Add(VirtualKey.Issue(
                new IssuedSecret(VirtualKeySecrets.HashKey(presented), "sk-...5678"), null, new KeySettings { TeamId = "team-p", ProjectId = "proj-p" }, stamp));
            await setup.SaveChangesAsync();
        }

        using var tracker = new RevisionTracker(Settings, TimeProvider.System);
        using var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 });
        await using var context = database.NewContext();
        var authenticator = new ApiKeyAuthenticator(context, new KeyLookupCache(memory, tracker), new ServiceSecrets("sk-master", "salt"), TimeProvider.System);

        var outcome = await authenticator.AuthenticateAsync(presented, CancellationToken.None);

        Assert.That(outcome.Failure, Is.EqualTo("Authentication Error, Project=proj-p is blocked. Update via `/project/update` if you're an admin."));
    }

    /// <summary>A clock whose timestamps move only when told; timers stay the system's.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
