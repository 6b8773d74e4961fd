using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.Sqlite
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
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamProjectCounts", x => x.TeamId);
                });

            // Each team's project count, kept by the Projects triggers in the writing transaction (an insert, a delete, a
            // move to another team), starting from the projects there are.
            migrationBuilder.Sql("""INSERT INTO "TeamProjectCounts" ("TeamId", "Count") SELECT "TeamId", COUNT(*) FROM "Projects" GROUP BY "TeamId";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Projects_TeamProjectCount_Insert" AFTER INSERT ON "Projects" BEGIN
                    INSERT INTO "TeamProjectCounts" ("TeamId", "Count") VALUES (NEW."TeamId", 1)
                        ON CONFLICT ("TeamId") DO UPDATE SET "Count" = "Count" + 1;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Projects_TeamProjectCount_Delete" AFTER DELETE ON "Projects" BEGIN
                    UPDATE "TeamProjectCounts" SET "Count" = "Count" - 1 WHERE "TeamId" = OLD."TeamId";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Projects_TeamProjectCount_Move" AFTER UPDATE OF "TeamId" ON "Projects" WHEN OLD."TeamId" <> NEW."TeamId" BEGIN
                    UPDATE "TeamProjectCounts" SET "Count" = "Count" - 1 WHERE "TeamId" = OLD."TeamId";
                    INSERT INTO "TeamProjectCounts" ("TeamId", "Count") VALUES (NEW."TeamId", 1)
                        ON CONFLICT ("TeamId") DO UPDATE SET "Count" = "Count" + 1;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Projects_TeamProjectCount_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER "Projects_TeamProjectCount_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Projects_TeamProjectCount_Move";""");

            migrationBuilder.DropTable(
                name: "TeamProjectCounts");
        }
    }
}
