using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.Postgres
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
                    TeamId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamProjectCounts", x => x.TeamId);
                });

            // Each team's project count, kept by the Projects triggers in the writing transaction (an insert, a delete, a
            // move to another team), starting from the projects there are.
            migrationBuilder.Sql("""INSERT INTO "TeamProjectCounts" ("TeamId", "Count") SELECT "TeamId", COUNT(*) FROM "Projects" GROUP BY "TeamId";""");
            migrationBuilder.Sql("""
                CREATE FUNCTION proxyadmin_count_team_projects() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN
                        UPDATE "TeamProjectCounts" SET "Count" = "Count" - 1 WHERE "TeamId" = OLD."TeamId";
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO "TeamProjectCounts" ("TeamId", "Count") VALUES (NEW."TeamId", 1)
                            ON CONFLICT ("TeamId") DO UPDATE SET "Count" = "TeamProjectCounts"."Count" + 1;
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""CREATE TRIGGER "Projects_TeamProjectCount" AFTER INSERT OR DELETE ON "Projects" FOR EACH ROW EXECUTE FUNCTION proxyadmin_count_team_projects();""");
            migrationBuilder.Sql("""CREATE TRIGGER "Projects_TeamProjectCount_Move" AFTER UPDATE OF "TeamId" ON "Projects" FOR EACH ROW WHEN (OLD."TeamId" IS DISTINCT FROM NEW."TeamId") EXECUTE FUNCTION proxyadmin_count_team_projects();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Projects_TeamProjectCount_Move" ON "Projects";""");
            migrationBuilder.Sql("""DROP TRIGGER "Projects_TeamProjectCount" ON "Projects";""");
            migrationBuilder.Sql("DROP FUNCTION proxyadmin_count_team_projects();");

            migrationBuilder.DropTable(
                name: "TeamProjectCounts");
        }
    }
}
