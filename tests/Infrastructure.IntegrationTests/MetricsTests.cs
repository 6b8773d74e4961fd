using Microsoft.Extensions.Caching.Memory;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Json;
using ProxyAdmin.Infrastructure.Revisions;
using ProxyAdmin.Infrastructure.Security;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// Infrastructure's instruments count what they say, with labels from fixed sets only: the key cache's hits and misses,
/// seals and unseals by configured key id, audit rows once committed, and what the revision tracker learns and when.
/// </summary>
public sealed class MetricsTests
{
    private static readonly RevisionSettings Settings = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100));

    private RecordedMeasurements _measurements = null!;

    [SetUp]
    public void SetUp() => _measurements = new RecordedMeasurements();

    [TearDown]
    public void TearDown() => _measurements.Dispose();

    [Test]
    public void TheKeyCacheCountsItsHitsAndMissesByLookup()
    {
        using var tracker = new RevisionTracker(new RevisionSettings(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30)), TimeProvider.System);
        using var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 });
        var cache = new KeyLookupCache(memory, tracker, new KeyCacheMetrics(_measurements));

        cache.TryGet("hash", KeyCacheMetrics.Authentication, out _);
        tracker.Observed(1, TimeProvider.System.GetTimestamp());
        cache.TryGet("hash", KeyCacheMetrics.Authentication, out _);
        cache.Set(cache.CurrentGeneration, "hash", null);
        cache.TryGet("hash", KeyCacheMetrics.Authentication, out _);
        cache.TryGet("hash", KeyCacheMetrics.AllowedRoutes, out _);

        Assert.Multiple(() =>
        {
            Assert.That(_measurements.Of("proxyadmin.key_cache.misses", ("lookup", "authentication"), ("reason", "untrusted")), Has.Count.EqualTo(1), "before the revision was ever read");
            Assert.That(_measurements.Of("proxyadmin.key_cache.misses", ("lookup", "authentication"), ("reason", "absent")), Has.Count.EqualTo(1));
            Assert.That(_measurements.Of("proxyadmin.key_cache.hits", ("lookup", "authentication")), Has.Count.EqualTo(1), "an unknown key is remembered too");
            Assert.That(_measurements.Of("proxyadmin.key_cache.hits", ("lookup", "allowed_routes")), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void SealsAndUnsealsAreCountedByConfiguredKeyIdAndOutcome()
    {
        var metrics = new EncryptionMetrics(_measurements);
        var ring = new AesGcmSecretProtector(new SaltKeyring("original-secret", [KeyValuePair.Create("k2", (string?)"second-secret")], "k2"), metrics);
        var elsewhere = new AesGcmSecretProtector(new SaltKeyring(null, [KeyValuePair.Create("k9", (string?)"ninth-secret")], "k9"));

        var sealedValue = ring.Protect("sk-provider-secret");
        ring.Unprotect(sealedValue);
        var tampered = sealedValue[..^6] + (sealedValue[^6] == 'A' ? 'B' : 'A') + sealedValue[^5..];
        Assert.Throws<SecretUnreadableException>(() => ring.Unprotect(tampered));
        Assert.Throws<SecretUnreadableException>(() => ring.Unprotect(elsewhere.Protect("sealed under a key this ring lacks")));
        Assert.Throws<SecretUnreadableException>(() => ring.Unprotect("plain text"));

        Assert.Multiple(() =>
        {
            Assert.That(_measurements.Of("proxyadmin.encryption.operations", ("operation", "seal"), ("key_id", "k2"), ("outcome", "ok")), Has.Count.EqualTo(1));
            Assert.That(_measurements.Of("proxyadmin.encryption.operations", ("operation", "unseal"), ("key_id", "k2"), ("outcome", "ok")), Has.Count.EqualTo(1));
            Assert.That(_measurements.Of("proxyadmin.encryption.operations", ("operation", "unseal"), ("key_id", "k2"), ("outcome", "failed")), Has.Count.EqualTo(1));
            Assert.That(_measurements.Of("proxyadmin.encryption.operations", ("key_id", "k9")), Is.Empty, "an id the stored value names, not one configured here, is no label");
            Assert.That(_measurements.Of("proxyadmin.encryption.operations", ("operation", "unseal"), ("key_id", EncryptionMetrics.Unconfigured), ("outcome", "failed")), Has.Count.EqualTo(1));
            Assert.That(_measurements.Of("proxyadmin.encryption.operations", ("operation", "unseal"), ("key_id", EncryptionMetrics.NoKey), ("outcome", "failed")), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task AuditRowsCountOnceTheirTransactionCommitsByTable()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        using var tracker = new RevisionTracker(Settings, TimeProvider.System);
        var caller = Mock.Of<ICurrentCaller>(c => c.Principal == Principal.ForMasterKey("master-hash"));
        var metrics = new AuditMetrics(_measurements);

        await using (var context = database.NewContext())
        {
            var unitOfWork = new UnitOfWork(context, tracker);
            var audit = new AuditTrail(context, caller, TimeProvider.System, WireJsonOptions.CreateDefault(), unitOfWork, metrics);

            // Rolled back: nothing counts.
            await using (await unitOfWork.BeginTransactionAsync(CancellationToken.None))
            {
                audit.Record(AuditAction.Created, AuditTables.Teams, "rolled-back", before: null, after: new { team_id = "rolled-back" });
                await unitOfWork.SaveChangesAsync(CancellationToken.None);
            }

            unitOfWork.Reset();

            // Retried: the first attempt's rows are forgotten with it; the committed attempt's count.
            await using (await unitOfWork.BeginTransactionAsync(CancellationToken.None))
            {
                audit.Record(AuditAction.Created, AuditTables.Teams, "first-attempt", before: null, after: new { team_id = "first-attempt" });
            }

            unitOfWork.Reset();
            await using (var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None))
            {
                audit.Record(AuditAction.Created, AuditTables.Teams, "committed", before: null, after: new { team_id = "committed" });
                audit.Record(AuditAction.Created, AuditTables.Users, "committed", before: null, after: new { user_id = "committed" });
                audit.Record(AuditAction.Created, "Not_A_Table_Of_Ours", "committed", before: null, after: new { id = "committed" });
                await unitOfWork.SaveChangesAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(_measurements.Of("proxyadmin.audit.rows", ("table", AuditTables.Teams)), Has.Count.EqualTo(1));
            Assert.That(_measurements.Of("proxyadmin.audit.rows", ("table", AuditTables.Users)), Has.Count.EqualTo(1));
            Assert.That(_measurements.Of("proxyadmin.audit.rows", ("table", "other")), Has.Count.EqualTo(1), "a table name outside the fixed set is no label");
            Assert.That(_measurements.Of("proxyadmin.audit.rows"), Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task TheTrackerMeasuresWhereRevisionsComeFromAndHowLateTheyArrive()
    {
        using var tracker = new RevisionTracker(Settings, TimeProvider.System, new RevisionMetrics(_measurements));

        tracker.Committed(1);
        var firstRead = TimeProvider.System.GetTimestamp();
        tracker.Observed(1, firstRead);
        await Task.Delay(30);
        tracker.Observed(2, TimeProvider.System.GetTimestamp());
        tracker.Observed(2, TimeProvider.System.GetTimestamp());
        tracker.Notified(3);

        Assert.That(await tracker.WaitForAsync(3, CancellationToken.None), Is.True);
        var waiting = tracker.WaitForAsync(4, CancellationToken.None);
        await Task.Delay(30);
        tracker.Notified(4);
        Assert.That(await waiting, Is.True);
        Assert.That(await tracker.WaitForAsync(100, CancellationToken.None), Is.False);

        Assert.Multiple(() =>
        {
            Assert.That(_measurements.Of("proxyadmin.revision.advances", ("source", "commit")), Has.Count.EqualTo(1));
            Assert.That(_measurements.Of("proxyadmin.revision.advances", ("source", "poll")), Has.Count.EqualTo(1), "only a read that moved the revision");
            Assert.That(_measurements.Of("proxyadmin.revision.advances", ("source", "notify")), Has.Count.EqualTo(2));
            Assert.That(_measurements.Of("proxyadmin.revision.poll_lag"), Has.Count.EqualTo(1).And.All.GreaterThanOrEqualTo(0.025), "from the previous read's start");
            Assert.That(_measurements.Of("proxyadmin.revision.wait.already_applied"), Has.Count.EqualTo(1));
            Assert.That(_measurements.Of("proxyadmin.revision.wait", ("outcome", "applied")), Has.Count.EqualTo(1).And.All.GreaterThanOrEqualTo(0.025));
            Assert.That(_measurements.Of("proxyadmin.revision.wait", ("outcome", "timed_out")), Has.Count.EqualTo(1).And.All.GreaterThanOrEqualTo(0.09));
        });
    }
}
