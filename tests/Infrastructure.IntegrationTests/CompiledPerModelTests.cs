using Microsoft.EntityFrameworkCore;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Data.Repositories;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// The compiled hot reads (<see cref="CompiledPerModel{TQuery}"/>) in a process that holds several models, as the
/// benchmark (SQLite, then PostgreSQL) and the test hosts do: EF binds a compiled query to one model and throws on any
/// other, which answered <c>/key/info</c> with a 500 on the second provider when the query was compiled once.
/// </summary>
public sealed class CompiledPerModelTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task TheSameCompiledReadServesTwoModelsOfOneProvider()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        await SeedKeyAsync(database.NewContext(), "hash-one", "first");

        await using var pooled = database.NewContext();
        // No shared internal service provider: this context builds a model of its own.
        await using var separate = new SqliteProxyAdminDbContext(new DbContextOptionsBuilder<SqliteProxyAdminDbContext>()
            .UseSqlite(database.ConnectionString).EnableServiceProviderCaching(false).Options);
        Assert.That(separate.Model, Is.Not.SameAs(pooled.Model));

        Assert.That(await AliasOfAsync(pooled, "hash-one"), Is.EqualTo("first"));
        Assert.That(await AliasOfAsync(separate, "hash-one"), Is.EqualTo("first"));
        Assert.That(await AliasOfAsync(pooled, "hash-one"), Is.EqualTo("first"));
    }

    [Test]
    public async Task TheSameCompiledReadServesSqliteAndPostgresInOneProcess()
    {
        await using var sqlite = await SqliteDatabase.CreateMigratedAsync();
        await using var postgres = await PostgresDatabase.CreateMigratedAsync();
        await SeedKeyAsync(sqlite.NewContext(), "hash-sqlite", "on-sqlite");
        await SeedKeyAsync(postgres.NewContext(), "hash-postgres", "on-postgres");

        await using var onSqlite = sqlite.NewContext();
        await using var onPostgres = postgres.NewContext();
        Assert.That(await AliasOfAsync(onSqlite, "hash-sqlite"), Is.EqualTo("on-sqlite"));
        Assert.That(await AliasOfAsync(onPostgres, "hash-postgres"), Is.EqualTo("on-postgres"));
        Assert.That(await new ProjectRepository(onPostgres).ReadAsync("no-such-project", null, CancellationToken.None), Is.Null);
        Assert.That(await AliasOfAsync(onSqlite, "hash-postgres"), Is.Null);
    }

    private static async Task SeedKeyAsync(ProxyAdminDbContext context, string hash, string alias)
    {
        await using (context)
        {
            context.VirtualKeys.Add(VirtualKey.Issue(
                new IssuedSecret(hash.PadRight(64, '0'), "sk-...abcd"), null, new KeySettings { KeyAlias = alias }, new AuditStamp("test", Now)));
            await context.SaveChangesAsync();
        }
    }

    private static async Task<string?> AliasOfAsync(ProxyAdminDbContext context, string hash) =>
        (await new VirtualKeyRepository(context).ReadByTokenAsync(hash.PadRight(64, '0'), CancellationToken.None))?.KeyAlias;
}
