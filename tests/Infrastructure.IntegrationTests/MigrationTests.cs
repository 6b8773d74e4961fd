using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// Both providers' migration sets match the model, and the SQL Server schema is produced offline on every
/// run, since no SQL Server is reachable here.
/// </summary>
public sealed class MigrationTests
{
    [Test]
    public void TheSqliteMigrationsMatchTheModel()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.That(context.Database.HasPendingModelChanges(), Is.False, "Run: dotnet ef migrations add <Name> --context SqliteProxyAdminDbContext ...");
    }

    [Test]
    public void TheSqlServerMigrationsMatchTheModel()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.That(context.Database.HasPendingModelChanges(), Is.False, "Run: dotnet ef migrations add <Name> --context SqlServerProxyAdminDbContext ...");
    }

    [Test]
    public void TheSqlServerScriptCreatesEveryTableWithItsUniqueIndexes()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var (tables, uniqueIndexes) = TablesAndUniqueIndexes(context);

        var script = context.GetService<IMigrator>().GenerateScript();

        Assert.That(tables, Has.Count.GreaterThanOrEqualTo(8), "the model's tables were not found");
        Assert.Multiple(() =>
        {
            foreach (var table in tables)
            {
                Assert.That(script, Does.Contain($"CREATE TABLE [{table}]"), table);
            }

            foreach (var index in uniqueIndexes)
            {
                Assert.That(script, Does.Contain($"CREATE UNIQUE INDEX [{index}]"), index);
            }

            Assert.That(tables, Does.Contain("TeamMembers"), "owned types' tables are included");
            Assert.That(uniqueIndexes, Does.Contain("IX_VirtualKeys_Token"));
            Assert.That(script, Does.Contain("CREATE UNIQUE INDEX [IX_VirtualKeys_KeyAlias]").And.Contain("WHERE [KeyAlias] IS NOT NULL"));
            Assert.That(script, Does.Contain("[Token] char(64) NOT NULL"));
        });
    }

    [Test]
    public async Task TheSqliteMigrationsCreateEveryTableWithItsUniqueIndexes()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        await using var context = database.NewContext();
        var (tables, uniqueIndexes) = TablesAndUniqueIndexes(context);

        var schema = await context.Database
            .SqlQueryRaw<SchemaObject>("SELECT type AS Type, name AS Name, sql AS Sql FROM sqlite_master WHERE type IN ('table', 'index')")
            .ToListAsync();

        Assert.That(tables, Has.Count.GreaterThanOrEqualTo(8), "the model's tables were not found");
        Assert.Multiple(() =>
        {
            Assert.That(schema.Where(o => o.Type == "table").Select(o => o.Name), Is.SupersetOf(tables));
            foreach (var index in uniqueIndexes)
            {
                Assert.That(schema.SingleOrDefault(o => o.Type == "index" && o.Name == index)?.Sql, Does.StartWith("CREATE UNIQUE INDEX"), index);
            }
        });
    }

    [Test]
    public async Task TheSqliteMigrationsApplyToAnEmptyFile()
    {
        await using var database = await SqliteDatabase.CreateMigratedAsync();
        await using var context = database.NewContext();

        Assert.That(await context.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(await context.Users.CountAsync(), Is.Zero);
    }

    /// <summary>The tables of a model, owned types' included, and the names of its unique indexes.</summary>
    private static (List<string> Tables, List<string> UniqueIndexes) TablesAndUniqueIndexes(DbContext context)
    {
        var entityTypes = context.Model.GetEntityTypes().ToList();
        var tables = entityTypes.Select(e => e.GetTableName()).OfType<string>().Distinct().Order().ToList();
        var uniqueIndexes = entityTypes
            .SelectMany(e => e.GetIndexes())
            .Where(i => i.IsUnique)
            .Select(i => i.GetDatabaseName())
            .OfType<string>()
            .Distinct()
            .Order()
            .ToList();
        return (tables, uniqueIndexes);
    }

    private sealed record SchemaObject(string Type, string Name, string? Sql);
}
