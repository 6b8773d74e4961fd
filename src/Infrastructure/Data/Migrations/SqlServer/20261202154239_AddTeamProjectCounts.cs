using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddTeamProjectCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TeamProjectCounts",
                columns: table => new
                {
                    TeamId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamProjectCounts", x => x.TeamId);
                });

            // Each team's project count, kept by the Projects triggers in the writing transaction (an insert, a delete, a
            // move to another team), starting from the projects there are.
            migrationBuilder.Sql("INSERT INTO [TeamProjectCounts] ([TeamId], [Count]) SELECT [TeamId], COUNT_BIG(*) FROM [Projects] GROUP BY [TeamId];");
            migrationBuilder.Sql("""
                CREATE TRIGGER [Projects_TeamProjectCount] ON [Projects] AFTER INSERT, UPDATE, DELETE AS
                BEGIN
                    SET NOCOUNT ON;
                    MERGE [TeamProjectCounts] AS counts
                    USING (SELECT [TeamId], SUM([Delta]) AS [Delta]
                           FROM (SELECT [TeamId], CAST(1 AS bigint) AS [Delta] FROM inserted UNION ALL SELECT [TeamId], CAST(-1 AS bigint) FROM deleted) AS changes
                           GROUP BY [TeamId]) AS moved
                    ON counts.[TeamId] = moved.[TeamId]
                    WHEN MATCHED AND moved.[Delta] <> 0 THEN UPDATE SET [Count] = counts.[Count] + moved.[Delta]
                    WHEN NOT MATCHED THEN INSERT ([TeamId], [Count]) VALUES (moved.[TeamId], moved.[Delta]);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER [Projects_TeamProjectCount];");

            migrationBuilder.DropTable(
                name: "TeamProjectCounts");
        }
    }
}
