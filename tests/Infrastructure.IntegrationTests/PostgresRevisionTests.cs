using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Revisions;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// The PostgreSQL lines of the revision, live: the migration seeds the row, a commit announces its revision on the
/// channel and a rollback announces nothing, the listener moves the tracker without any poll, and after its connection
/// is killed it reconnects and drops the cache whole.
/// </summary>
public sealed class PostgresRevisionTests
{
    private static readonly RevisionSettings Settings = new(TimeSpan.FromHours(1), TimeSpan.FromSeconds(10));

    [Test]
    public async Task TheMigrationsSeedRevisionZero()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using var context = database.NewContext();

        Assert.That(await RevisionCounter.ReadAsync(context, CancellationToken.None), Is.Zero);
    }

    [Test]
    public async Task ACommitAnnouncesItsRevisionAndARollbackAnnouncesNothing()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using var listener = await database.OpenConnectionAsync();
        var heard = new List<string>();
        listener.Notification += (_, notification) =>
        {
            lock (heard)
            {
                heard.Add($"{notification.Channel}:{notification.Payload}");
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {RevisionCounter.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        using var tracker = new RevisionTracker(Settings, TimeProvider.System);
        await using (var context = database.NewContext())
        {
            var unitOfWork = new UnitOfWork(context, tracker);
            await using (await unitOfWork.BeginTransactionAsync(CancellationToken.None))
            {
                // Rolled back by the dispose: the notification queued inside it is never delivered.
            }

            await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(500)))
        {
        }

        Assert.That(heard, Is.EqualTo(new[] { $"{RevisionCounter.Channel}:1" }));
    }

    [Test]
    public async Task TheListenerMovesTheTrackerWithoutAnyPoll()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using var provider = Replica(database);
        var tracker = provider.GetRequiredService<RevisionTracker>();
        var listener = provider.GetRequiredService<PostgresRevisionListener>();
        await listener.StartAsync(CancellationToken.None);
        try
        {
            await Until(() => listener.Connections == 1);
            await CommitThroughAnotherReplica(database);

            Assert.That(await tracker.WaitForAsync(1, CancellationToken.None), Is.True, "no poller runs here: only the notification can have moved it");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task AfterItsConnectionIsKilledTheListenerReconnectsAndDropsTheCacheWhole()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using var provider = Replica(database);
        var tracker = provider.GetRequiredService<RevisionTracker>();
        var listener = provider.GetRequiredService<PostgresRevisionListener>();
        await listener.StartAsync(CancellationToken.None);
        try
        {
            await Until(() => listener.Connections == 1);
            var epoch = tracker.CacheEpoch;

            await using (var admin = await database.OpenConnectionAsync())
            await using (var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @name AND datname = current_database()", admin))
            {
                kill.Parameters.AddWithValue("name", PostgresRevisionListener.ApplicationName);
                Assert.That(await kill.ExecuteScalarAsync(), Is.True, "the listener's backend was found and ended");
            }

            await Until(() => listener.Connections == 2);
            Assert.That(tracker.CacheEpoch, Is.GreaterThan(epoch), "what was committed while nobody listened is unknown");
            await CommitThroughAnotherReplica(database);
            Assert.That(await tracker.WaitForAsync(1, CancellationToken.None), Is.True, "it hears commits again");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [TestCase("Postgres", null, true)]
    [TestCase("Postgres", "false", false)]
    [TestCase("Sqlite", null, false)]
    public void EveryProviderPollsAndPostgresAlsoListensUnlessTurnedOff(string provider, string? listen, bool listens)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ProxyAdmin:Database:Provider"] = provider,
                ["ConnectionStrings:ProxyAdmin"] = provider == "Postgres" ? "Host=postgres.invalid;Database=proxyadmin" : "Data Source=unused.db",
                ["ProxyAdmin:MasterKey"] = "sk-composition-test-master",
                ["ProxyAdmin:SaltKey"] = "composition-test-salt",
                ["ProxyAdmin:Revision:Listen"] = listen,
            })
            .Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddInfrastructureServices(configuration, TextWriter.Null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
            .BuildServiceProvider();

        var hosted = services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();

        Assert.That(hosted, Does.Contain(typeof(RevisionPoller)));
        Assert.That(hosted.Contains(typeof(PostgresRevisionListener)), Is.EqualTo(listens));
    }

    /// <summary>This replica's tracker and listener on <paramref name="database"/>, and no poller.</summary>
    private static ServiceProvider Replica(PostgresDatabase database) => new ServiceCollection()
        .AddLogging()
        .AddSingleton(TimeProvider.System)
        .AddSingleton(Settings)
        .AddSingleton(new DatabaseSettings(DatabaseProvider.Postgres, database.ConnectionString))
        .AddSingleton<RevisionTracker>()
        .AddSingleton<PostgresRevisionListener>()
        .BuildServiceProvider();

    private static async Task CommitThroughAnotherReplica(PostgresDatabase database)
    {
        using var other = new RevisionTracker(Settings, TimeProvider.System);
        await using var context = database.NewContext();
        await using var transaction = await new UnitOfWork(context, other).BeginTransactionAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    private static async Task Until(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(20))
            {
                Assert.Fail("timed out");
            }

            await Task.Delay(10);
        }
    }
}
