using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.Health;
using ProxyAdmin.Domain.Users;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// The database as the service composes it (<c>AddInfrastructureServices</c>), per provider. PostgreSQL runs live
/// in every <c>dotnet cake</c> run (<see cref="PostgresDatabase"/>); SQL Server only where <c>PROXYADMIN_TEST_SQLSERVER</c>
/// holds a connection string (a throwaway database is created and dropped on that server), and is reported as skipped
/// everywhere else.
/// </summary>
public sealed class DatabaseCompositionTests
{
    private const string SqlServerVariable = "PROXYADMIN_TEST_SQLSERVER";
    private static readonly DateTime Now = new(2026, 11, 25, 0, 0, 0, DateTimeKind.Utc);

    [Test]
    public void SqlServerLeavesRetriesToTheTransactionBehaviour()
    {
        // A retrying execution strategy throws on the first command inside a user-started transaction, and every
        // command here runs in one: with it, SQL Server would answer every write with a 500.
        using var services = Compose(new DatabaseSettings(DatabaseProvider.SqlServer, "Server=sql.invalid;Database=proxyadmin;Encrypt=false", MigrateOnStartup: false));
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProxyAdminDbContext>();

        Assert.That(db.Database.CreateExecutionStrategy().RetriesOnFailure, Is.False);
    }

    [Test]
    public void PostgresLeavesRetriesToTheTransactionBehaviour()
    {
        using var services = Compose(new DatabaseSettings(DatabaseProvider.Postgres, "Host=postgres.invalid;Database=proxyadmin", MigrateOnStartup: false));
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ProxyAdminDbContext>();

        Assert.That(db, Is.InstanceOf<PostgresProxyAdminDbContext>());
        Assert.That(db.Database.CreateExecutionStrategy().RetriesOnFailure, Is.False);
    }

    [Test]
    public async Task PostgresIsMigratedAtStartAndReportedReadyOnlyWithItsSchema()
    {
        await using var database = await PostgresDatabase.CreateEmptyAsync();
        await using var services = Compose(new DatabaseSettings(DatabaseProvider.Postgres, database.ConnectionString));
        bool readyBefore;
        await using (var scope = services.CreateAsyncScope())
        {
            readyBefore = (await scope.ServiceProvider.GetRequiredService<IDatabaseProbe>().CheckAsync(CancellationToken.None)).Ready;
        }

        await DatabaseInitializer.InitializeAsync(services);

        await using var after = services.CreateAsyncScope();
        var db = after.ServiceProvider.GetRequiredService<ProxyAdminDbContext>();
        Assert.That(readyBefore, Is.False, "a database without the schema is not ready");
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(await after.ServiceProvider.GetRequiredService<IDatabaseProbe>().CheckAsync(CancellationToken.None), Is.EqualTo(new DatabaseReadiness(Connected: true, PendingMigrations: 0)));
    }

    [Test]
    public async Task PostgresMigratesCommitsAndRefusesDuplicatesAndStaleWrites()
    {
        await using var database = await PostgresDatabase.CreateEmptyAsync();
        await using var services = Compose(new DatabaseSettings(DatabaseProvider.Postgres, database.ConnectionString));
        await MigrateCommitAndRefuse(services);
    }

    [Test]
    public async Task SqliteConnectionsWaitForTheWriteLockInsideSqlite()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        await using var services = Compose(new DatabaseSettings(DatabaseProvider.Sqlite, database.ConnectionString));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProxyAdminDbContext>();

        var timeout = await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();

        Assert.That(timeout, Is.EqualTo(SqliteBusyTimeout.Milliseconds));
    }

    [Test]
    public async Task SqlServerMigratesCommitsAndRefusesDuplicatesAndStaleWrites()
    {
        var connectionString = Environment.GetEnvironmentVariable(SqlServerVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Assert.Ignore($"No SQL Server here: set {SqlServerVariable} to a connection string to run this test.");
        }

        var throwaway = new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "proxyadmin_test_" + Guid.NewGuid().ToString("N") };
        await using var services = Compose(new DatabaseSettings(DatabaseProvider.SqlServer, throwaway.ConnectionString));
        try
        {
            await MigrateCommitAndRefuse(services);
        }
        finally
        {
            await using var cleanup = services.CreateAsyncScope();
            await cleanup.ServiceProvider.GetRequiredService<ProxyAdminDbContext>().Database.EnsureDeletedAsync();
        }
    }

    /// <summary>Migrates, commits a user, refuses the same id again (409) and a write over a newer version (conflict).</summary>
    private static async Task MigrateCommitAndRefuse(ServiceProvider services)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProxyAdminDbContext>().Database.MigrateAsync();
        }

        await InTransaction(services, db => db.Users.Add(User.Create("alice", UserRole.InternalUser, new UserProfile(), new AuditStamp("test", Now))));
        Assert.ThrowsAsync<ConflictException>(() =>
            InTransaction(services, db => db.Users.Add(User.Create("alice", UserRole.InternalUser, new UserProfile(), new AuditStamp("test", Now)))));

        await using var first = services.CreateAsyncScope();
        await using var second = services.CreateAsyncScope();
        var firstCopy = await first.ServiceProvider.GetRequiredService<ProxyAdminDbContext>().Users.SingleAsync(u => u.UserId == "alice");
        var secondCopy = await second.ServiceProvider.GetRequiredService<ProxyAdminDbContext>().Users.SingleAsync(u => u.UserId == "alice");
        firstCopy.Update(new UserProfile { UserAlias = "first" }, null, new AuditStamp("one", Now));
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        secondCopy.Update(new UserProfile { UserAlias = "second" }, null, new AuditStamp("two", Now));

        Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None));
    }

    private static async Task InTransaction(ServiceProvider services, Action<ProxyAdminDbContext> change)
    {
        await using var scope = services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await using var transaction = await unitOfWork.BeginTransactionAsync(CancellationToken.None);
        change(scope.ServiceProvider.GetRequiredService<ProxyAdminDbContext>());
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>The service's composition, from the configuration keys that select <paramref name="database"/>.</summary>
    private static ServiceProvider Compose(DatabaseSettings database)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ProxyAdmin:Database:Provider"] = database.Provider.ToString(),
                ["ConnectionStrings:ProxyAdmin"] = database.ConnectionString,
                ["ProxyAdmin:Database:MigrateOnStartup"] = database.MigrateOnStartup ? "true" : "false",
                ["ProxyAdmin:MasterKey"] = "sk-composition-test-master",
                ["ProxyAdmin:SaltKey"] = "composition-test-salt",
            })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddInfrastructureServices(configuration, TextWriter.Null, NullLogger.Instance)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
