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

        var script = context.GetService<IMigrator>().GenerateScript();

        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("CREATE TABLE [Users]"));
            Assert.That(script, Does.Contain("CREATE TABLE [VirtualKeys]"));
            Assert.That(script, Does.Contain("CREATE TABLE [AuditLogs]"));
            Assert.That(script, Does.Contain("CREATE UNIQUE INDEX [IX_VirtualKeys_Token]"));
            Assert.That(script, Does.Contain("CREATE UNIQUE INDEX [IX_VirtualKeys_KeyAlias]").And.Contain("WHERE [KeyAlias] IS NOT NULL"));
            Assert.That(script, Does.Contain("[Token] char(64) NOT NULL"));
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
}
