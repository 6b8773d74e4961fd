using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddKeysetPaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VirtualKeys_CreatedAt",
                table: "VirtualKeys");

            migrationBuilder.DropIndex(
                name: "IX_VirtualKeys_TeamId",
                table: "VirtualKeys");

            migrationBuilder.DropIndex(
                name: "IX_VirtualKeys_UserId_CreatedAt",
                table: "VirtualKeys");

            migrationBuilder.DropIndex(
                name: "IX_Users_CreatedAt",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_UserRole",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Teams_TeamAlias",
                table: "Teams");

            migrationBuilder.DropIndex(
                name: "IX_Projects_CreatedAt",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_TeamId_CreatedAt",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_ModelDeployments_CreatedAt",
                table: "ModelDeployments");

            migrationBuilder.DropIndex(
                name: "IX_AuditLogs_Action_UpdatedAt",
                table: "AuditLogs");

            migrationBuilder.DropIndex(
                name: "IX_AuditLogs_ChangedBy_UpdatedAt",
                table: "AuditLogs");

            migrationBuilder.DropIndex(
                name: "IX_AuditLogs_ObjectId_UpdatedAt",
                table: "AuditLogs");

            migrationBuilder.DropIndex(
                name: "IX_AuditLogs_TableName_ObjectId_UpdatedAt",
                table: "AuditLogs");

            migrationBuilder.DropIndex(
                name: "IX_AuditLogs_UpdatedAt",
                table: "AuditLogs");

            migrationBuilder.CreateTable(
                name: "RowCounts",
                columns: table => new
                {
                    TableName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RowCounts", x => x.TableName);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_CreatedAt_Id",
                table: "VirtualKeys",
                columns: new[] { "CreatedAt", "Id" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_TeamId_CreatedAt_Id",
                table: "VirtualKeys",
                columns: new[] { "TeamId", "CreatedAt", "Id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_UserId_CreatedAt_Id",
                table: "VirtualKeys",
                columns: new[] { "UserId", "CreatedAt", "Id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Users_CreatedAt_UserId",
                table: "Users",
                columns: new[] { "CreatedAt", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_UserRole_CreatedAt_UserId",
                table: "Users",
                columns: new[] { "UserRole", "CreatedAt", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Teams_TeamAlias_TeamId",
                table: "Teams",
                columns: new[] { "TeamAlias", "TeamId" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_CreatedAt_ProjectId",
                table: "Projects",
                columns: new[] { "CreatedAt", "ProjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_TeamId_CreatedAt_ProjectId",
                table: "Projects",
                columns: new[] { "TeamId", "CreatedAt", "ProjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelDeployments_CreatedAt_ModelId",
                table: "ModelDeployments",
                columns: new[] { "CreatedAt", "ModelId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLogs_Action_UpdatedAt_Id",
                table: "AuditLogs",
                columns: new[] { "Action", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLogs_ChangedBy_UpdatedAt_Id",
                table: "AuditLogs",
                columns: new[] { "ChangedBy", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLogs_ObjectId_UpdatedAt_Id",
                table: "AuditLogs",
                columns: new[] { "ObjectId", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLogs_TableName_ObjectId_UpdatedAt_Id",
                table: "AuditLogs",
                columns: new[] { "TableName", "ObjectId", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLogs_UpdatedAt_Id",
                table: "AuditLogs",
                columns: new[] { "UpdatedAt", "Id" });

            // Each counted table keeps its row count in RowCounts from inside the writing transaction (a trigger per
            // insert and delete, so cascades, bulk loads and every code path are counted), starting from the rows it has.
            migrationBuilder.Sql("""
                CREATE FUNCTION proxyadmin_count_rows() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        UPDATE "RowCounts" SET "Count" = "Count" + 1 WHERE "TableName" = TG_TABLE_NAME;
                    ELSE
                        UPDATE "RowCounts" SET "Count" = "Count" - 1 WHERE "TableName" = TG_TABLE_NAME;
                    END IF;
                    RETURN NULL;
                END $$;
                """);
            foreach (var table in new[] { "AuditLogs", "ModelDeployments", "Projects", "Teams", "Users", "VirtualKeys" })
            {
                migrationBuilder.Sql($"INSERT INTO \"RowCounts\" (\"TableName\", \"Count\") SELECT '{table}', COUNT(*) FROM \"{table}\";");
                migrationBuilder.Sql($"CREATE TRIGGER \"{table}_RowCount\" AFTER INSERT OR DELETE ON \"{table}\" FOR EACH ROW EXECUTE FUNCTION proxyadmin_count_rows();");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "AuditLogs", "ModelDeployments", "Projects", "Teams", "Users", "VirtualKeys" })
            {
                migrationBuilder.Sql($"DROP TRIGGER \"{table}_RowCount\" ON \"{table}\";");
            }

            migrationBuilder.Sql("DROP FUNCTION proxyadmin_count_rows();");

            migrationBuilder.DropTable(
                name: "RowCounts");

            migrationBuilder.DropIndex(
                name: "IX_VirtualKeys_CreatedAt_Id",
                table: "VirtualKeys");

            migrationBuilder.DropIndex(
                name: "IX_VirtualKeys_TeamId_CreatedAt_Id",
                table: "VirtualKeys");

            migrationBuilder.DropIndex(
                name: "IX_VirtualKeys_UserId_CreatedAt_Id",
                table: "VirtualKeys");

            migrationBuilder.DropIndex(
                name: "IX_Users_CreatedAt_UserId",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_UserRole_CreatedAt_UserId",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Teams_TeamAlias_TeamId",
                table: "Teams");

            migrationBuilder.DropIndex(
                name: "IX_Projects_CreatedAt_ProjectId",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_TeamId_CreatedAt_ProjectId",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_ModelDeployments_CreatedAt_ModelId",
                table: "ModelDeployments");

            migrationBuilder.DropIndex(
                name: "IX_AuditLogs_Action_UpdatedAt_Id",
                table: "AuditLogs");

            migrationBuilder.DropIndex(
                name: "IX_AuditLogs_ChangedBy_UpdatedAt_Id",
                table: "AuditLogs");

            migrationBuilder.DropIndex(
                name: "IX_AuditLogs_ObjectId_UpdatedAt_Id",
                table: "AuditLogs");

            migrationBuilder.DropIndex(
                name: "IX_AuditLogs_TableName_ObjectId_UpdatedAt_Id",
                table: "AuditLogs");

            migrationBuilder.DropIndex(
                name: "IX_AuditLogs_UpdatedAt_Id",
                table: "AuditLogs");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_CreatedAt",
                table: "VirtualKeys",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_TeamId",
                table: "VirtualKeys",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_UserId_CreatedAt",
                table: "VirtualKeys",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_CreatedAt",
                table: "Users",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Users_UserRole",
                table: "Users",
                column: "UserRole");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_TeamAlias",
                table: "Teams",
                column: "TeamAlias");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_CreatedAt",
                table: "Projects",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_TeamId_CreatedAt",
                table: "Projects",
                columns: new[] { "TeamId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelDeployments_CreatedAt",
                table: "ModelDeployments",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditLogs_Action_UpdatedAt",
                table: "AuditLogs",
                columns: new[] { "Action", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLogs_ChangedBy_UpdatedAt",
                table: "AuditLogs",
                columns: new[] { "ChangedBy", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLogs_ObjectId_UpdatedAt",
                table: "AuditLogs",
                columns: new[] { "ObjectId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLogs_TableName_ObjectId_UpdatedAt",
                table: "AuditLogs",
                columns: new[] { "TableName", "ObjectId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditLogs_UpdatedAt",
                table: "AuditLogs",
                column: "UpdatedAt");
        }
    }
}
