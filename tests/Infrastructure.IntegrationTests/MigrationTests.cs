using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>
/// Every provider's migration set matches the model; the SQL Server schema is produced offline on every run, since no
/// SQL Server is reachable here, and the PostgreSQL schema both offline and live.
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
    public void ThePostgresMigrationsMatchTheModel()
    {
        using var context = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.That(context.Database.HasPendingModelChanges(), Is.False, "Run: dotnet ef migrations add <Name> --context PostgresProxyAdminDbContext ...");
    }

    [Test]
    public void EveryProviderHasTheSameTablesUniqueIndexesAndConcurrencyTokens()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        var expected = Shape(sqlite);
        Assert.That(expected.Tokens.Split(',').Count(t => t.EndsWith(".Version", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(6), "the aggregates' version columns were not found");
        Assert.That(Shape(sqlServer), Is.EqualTo(expected));
        Assert.That(Shape(postgres), Is.EqualTo(expected));

        static (string Tables, string UniqueIndexes, string Tokens) Shape(DbContext context)
        {
            var (tables, uniqueIndexes) = TablesAndUniqueIndexes(context);
            var tokens = context.Model.GetEntityTypes()
                .SelectMany(e => e.GetProperties().Where(p => p.IsConcurrencyToken).Select(p => $"{e.GetTableName()}.{p.GetColumnName()}"))
                .Order(StringComparer.Ordinal);
            return (string.Join(",", tables), string.Join(",", uniqueIndexes), string.Join(",", tokens));
        }
    }

    [Test]
    public void ThePostgresScriptCreatesEveryTableWithItsUniqueIndexes()
    {
        using var context = new PostgresDesignTimeFactory().CreateDbContext([]);
        var (tables, uniqueIndexes) = TablesAndUniqueIndexes(context);

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.That(tables, Has.Count.GreaterThanOrEqualTo(8), "the model's tables were not found");
        Assert.Multiple(() =>
        {
            foreach (var table in tables)
            {
                Assert.That(script, Does.Contain($"CREATE TABLE \"{table}\""), table);
            }

            foreach (var index in uniqueIndexes)
            {
                Assert.That(script, Does.Contain($"CREATE UNIQUE INDEX \"{index}\""), index);
            }

            Assert.That(script, Does.Contain("\"Token\" character(64) COLLATE \"C\" NOT NULL"));
            Assert.That(script, Does.Contain("\"CreatedAt\" timestamp with time zone NOT NULL"));
            Assert.That(script, Does.Contain("IF NOT EXISTS(SELECT 1 FROM \"__EFMigrationsHistory\""), "the script is idempotent");
        });
    }

    [Test]
    public async Task ThePostgresMigrationsCreateEveryTableWithItsUniqueIndexesTextInTheCCollationAndInstantsWithTimeZone()
    {
        await using var database = await PostgresDatabase.CreateMigratedAsync();
        await using var context = database.NewContext();
        var (tables, uniqueIndexes) = TablesAndUniqueIndexes(context);

        var indexes = await context.Database
            .SqlQueryRaw<SchemaObject>("SELECT 'index' AS \"Type\", indexname AS \"Name\", indexdef AS \"Sql\" FROM pg_indexes WHERE schemaname = 'public'")
            .ToListAsync();
        var columns = await context.Database
            .SqlQueryRaw<SchemaObject>("SELECT data_type AS \"Type\", table_name || '.' || column_name AS \"Name\", collation_name AS \"Sql\" FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'")
            .ToListAsync();
        var dateTimeColumns = context.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Where(p => Nullable.GetUnderlyingType(p.ClrType) == typeof(DateTime) || p.ClrType == typeof(DateTime)).Select(p => $"{e.GetTableName()}.{p.GetColumnName()}"))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(columns.Select(c => c.Name.Split('.')[0]).Distinct(), Is.EquivalentTo(tables));
            foreach (var index in uniqueIndexes)
            {
                Assert.That(indexes.SingleOrDefault(i => i.Name == index)?.Sql, Does.StartWith("CREATE UNIQUE INDEX"), index);
            }

            var text = columns.Where(c => c.Type is "text" or "character varying" or "character").ToList();
            Assert.That(text, Has.Count.GreaterThan(50), "the text columns were found");
            Assert.That(text.Where(c => c.Sql != PostgresProxyAdminDbContext.TextCollation).Select(c => c.Name), Is.Empty, "text columns outside the C collation");
            Assert.That(dateTimeColumns, Has.Count.GreaterThan(10));
            Assert.That(columns.Where(c => dateTimeColumns.Contains(c.Name) && c.Type != "timestamp with time zone").Select(c => c.Name), Is.Empty, "instants stored without a time zone");
        });
    }

    [Test]
    public async Task ThePostgresMigrationsApplyToAnEmptyDatabaseAndAgainToAMigratedOne()
    {
        await using var database = await PostgresDatabase.CreateEmptyAsync();
        await using (var first = database.NewContext())
        {
            await first.Database.MigrateAsync();
        }

        await using var context = database.NewContext();
        await context.Database.MigrateAsync();

        Assert.That(await context.Database.GetPendingMigrationsAsync(), Is.Empty);
        Assert.That(await context.Database.GetAppliedMigrationsAsync(), Is.EqualTo(context.Database.GetMigrations()));
        Assert.That(await context.Users.CountAsync(), Is.Zero);
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

    /// <summary>
    /// Rows stored before LiteLLM's request fields had columns read back with LiteLLM's defaults (empty lists and maps),
    /// not the provider's default empty string, which would not deserialize.
    /// </summary>
    [Test]
    public async Task RowsStoredBeforeTheLiteLlmFieldsReadBackWithTheirDefaults()
    {
        await using var database = await SqliteDatabase.CreateMigratedToAsync("20261124112659_AddModelDeployments");
        await using (var old = database.NewContext())
        {
            foreach (var table in new[] { "Users", "ObjectPermissions", "Teams", "TeamMembers", "Budgets", "Projects", "VirtualKeys" })
            {
                await InsertRowAsync(old, table);
            }
        }

        await using var context = database.NewContext();
        await context.Database.MigrateAsync();

        var key = await context.VirtualKeys.AsNoTracking().SingleAsync();
        var team = await context.Teams.AsNoTracking().SingleAsync();
        var project = await context.Projects.AsNoTracking().SingleAsync();
        var permission = await context.ObjectPermissions.AsNoTracking().SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(new[] { key.Aliases, key.Config, key.Permissions, key.ModelMaxBudget, key.ModelSpend, key.RouterSettings }.Select(m => m.Count), Is.All.Zero);
            Assert.That(key.AllowedCacheControls.Concat(key.AllowedRoutes).Concat(key.AccessGroupIds), Is.Empty);
            Assert.That((key.AutoRotate, key.SoftBudgetCooldown, key.BudgetId, key.ObjectPermissionId), Is.EqualTo((false, false, (string?)null, (string?)null)));
            Assert.That(team.TeamMemberPermissions.Concat(team.AccessGroupIds), Is.Empty);
            Assert.That(new[] { team.RouterSettings, team.ModelSpend, team.ModelMaxBudget }.Select(m => m.Count), Is.All.Zero);
            Assert.That(team.Members.Single().BudgetId, Is.Null);
            Assert.That(project.ModelSpend, Is.Empty);
            Assert.That(permission.McpToolsets, Is.Empty);
        });
    }

    /// <summary>One row with a plausible value in every NOT NULL column the table had then.</summary>
    private static async Task InsertRowAsync(DbContext context, string table)
    {
        var columns = await context.Database
            .SqlQuery<ColumnInfo>($"SELECT name AS Name, type AS Type, \"notnull\" AS Mandatory FROM pragma_table_info({table})")
            .ToListAsync();
        string[] lists = ["Models", "VectorStores", "McpServers", "McpAccessGroups", "Agents", "AgentAccessGroups", "BlockedTools"];
        string[] maps = ["Metadata", "ModelAliases", "McpToolPermissions"];
        var values = columns.Where(c => c.Mandatory == 1).ToDictionary(c => c.Name, c => c.Name switch
        {
            _ when lists.Contains(c.Name) => "'[]'",
            _ when maps.Contains(c.Name) => "'{}'",
            "Id" when table == "VirtualKeys" => $"'{Guid.NewGuid()}'",
            "Token" => $"'{new string('a', 64)}'",
            "Role" => "'User'",
            "UserRole" => "'InternalUser'",
            _ when c.Type.StartsWith("INTEGER", StringComparison.Ordinal) || c.Type.StartsWith("REAL", StringComparison.Ordinal) => "0",
            _ when c.Name.EndsWith("At", StringComparison.Ordinal) => "'2026-01-01 00:00:00'",
            _ => "'x'",
        });
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Keys.Select(k => $"\"{k}\""))}) VALUES ({string.Join(", ", values.Values)})";
#pragma warning disable EF1002 // Built from the schema's own column names and constants, never from input; braces are escaped, not placeholders.
        await context.Database.ExecuteSqlRawAsync(sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
#pragma warning restore EF1002
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

    private sealed record ColumnInfo(string Name, string Type, long Mandatory);
}
