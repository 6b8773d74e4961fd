using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using ProxyAdmin.RawReference;

namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>
/// Fills the projects table straight through the database, in one transaction: each project with its own budget row,
/// as <c>POST /project/new</c> leaves it, a minute apart in time before anything the API creates. Not through the API,
/// which would take hours for a million.
/// </summary>
internal static class BulkSeeder
{
    private static readonly DateTime Origin = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string ProjectId(int i) => $"bench-seed-{i:D7}";

    /// <summary>Adds projects <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) to <paramref name="teamId"/>.</summary>
    public static async Task SeedAsync(BenchDatabase database, string teamId, int from, int to)
    {
        if (database.Provider == RawProvider.Sqlite)
        {
            await SeedSqliteAsync(database.ConnectionString, teamId, from, to);
        }
        else
        {
            await SeedPostgresAsync(database.ConnectionString, teamId, from, to);
        }
    }

    private static DateTime At(int i) => Origin.AddSeconds(i * 0.001);

    private static string Metadata(int i) => $"{{\"owner\":\"bench\",\"cost_center\":{i % 17}}}";

    private const string Models = "[\"gpt-4o\",\"gpt-4o-mini\"]";

    private static async Task SeedSqliteAsync(string connectionString, string teamId, int from, int to)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var budget = connection.CreateCommand();
        budget.Transaction = transaction;
        budget.CommandText = """
            INSERT INTO "Budgets" ("BudgetId", "MaxBudget", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "Version")
            VALUES (@id, 100.0, @at, 'default_user_id', @at, 'default_user_id', 0)
            """;
        var budgetId = budget.Parameters.Add("@id", SqliteType.Text);
        var budgetAt = budget.Parameters.Add("@at", SqliteType.Text);
        await using var project = connection.CreateCommand();
        project.Transaction = transaction;
        project.CommandText = """
            INSERT INTO "Projects" ("ProjectId", "ProjectAlias", "Description", "TeamId", "BudgetId", "Metadata", "Models", "Spend", "Blocked",
                "ObjectPermissionId", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "Version", "ModelSpend")
            VALUES (@id, @alias, NULL, @team, @budget, @metadata, @models, 0, 0, NULL, @at, 'default_user_id', @at, 'default_user_id', 0, '{}')
            """;
        var projectId = project.Parameters.Add("@id", SqliteType.Text);
        var alias = project.Parameters.Add("@alias", SqliteType.Text);
        project.Parameters.Add("@team", SqliteType.Text).Value = teamId;
        var projectBudget = project.Parameters.Add("@budget", SqliteType.Text);
        var metadata = project.Parameters.Add("@metadata", SqliteType.Text);
        project.Parameters.Add("@models", SqliteType.Text).Value = Models;
        var projectAt = project.Parameters.Add("@at", SqliteType.Text);
        budget.Prepare();
        project.Prepare();
        for (var i = from; i < to; i++)
        {
            var id = ProjectId(i);
            var at = At(i);
            budgetId.Value = id;
            budgetAt.Value = at;
            await budget.ExecuteNonQueryAsync();
            projectId.Value = id;
            alias.Value = $"Bench project {i}";
            projectBudget.Value = id;
            metadata.Value = Metadata(i);
            projectAt.Value = at;
            await project.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>
    /// COPY, text format: the values hold no tab, newline or backslash. The counting triggers are off for the load
    /// (a per-row update of one counter row, a million times in one transaction, walks an ever longer version chain)
    /// and the counts are raised once at the end, in the same transaction, as the triggers would have.
    /// </summary>
    private static async Task SeedPostgresAsync(string connectionString, string teamId, int from, int to)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var triggersOff = new NpgsqlCommand("SET LOCAL session_replication_role = replica", connection, transaction))
        {
            await triggersOff.ExecuteNonQueryAsync();
        }

        await using (var budgets = await connection.BeginTextImportAsync(
            """COPY "Budgets" ("BudgetId", "MaxBudget", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "Version") FROM STDIN"""))
        {
            var line = new StringBuilder();
            for (var i = from; i < to; i++)
            {
                var at = Timestamp(i);
                line.Clear().Append(ProjectId(i)).Append("\t100\t").Append(at).Append("\tdefault_user_id\t").Append(at).Append("\tdefault_user_id\t0\n");
                await budgets.WriteAsync(line.ToString());
            }
        }

        await using (var projects = await connection.BeginTextImportAsync(
            """
            COPY "Projects" ("ProjectId", "ProjectAlias", "TeamId", "BudgetId", "Metadata", "Models", "Spend", "Blocked",
                "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "Version", "ModelSpend") FROM STDIN
            """))
        {
            var line = new StringBuilder();
            for (var i = from; i < to; i++)
            {
                var id = ProjectId(i);
                var at = Timestamp(i);
                line.Clear().Append(id).Append("\tBench project ").Append(i.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(teamId)
                    .Append('\t').Append(id).Append('\t').Append(Metadata(i)).Append('\t').Append(Models).Append("\t0\tf\t")
                    .Append(at).Append("\tdefault_user_id\t").Append(at).Append("\tdefault_user_id\t0\t{}\n");
                await projects.WriteAsync(line.ToString());
            }
        }

        await using (var counts = new NpgsqlCommand(
            """
            UPDATE "RowCounts" SET "Count" = "Count" + @added WHERE "TableName" = 'Projects';
            INSERT INTO "TeamProjectCounts" ("TeamId", "Count") VALUES (@team, @added)
                ON CONFLICT ("TeamId") DO UPDATE SET "Count" = "TeamProjectCounts"."Count" + @added;
            """,
            connection,
            transaction))
        {
            counts.Parameters.AddWithValue("added", (long)(to - from));
            counts.Parameters.AddWithValue("team", teamId);
            await counts.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        await using var analyze = new NpgsqlCommand("""ANALYZE "Projects"; ANALYZE "Budgets";""", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static string Timestamp(int i) => At(i).ToString("yyyy-MM-dd HH:mm:ss.ffffff+00", CultureInfo.InvariantCulture);
}
