using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddProjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProjectId",
                table: "VirtualKeys",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Budgets",
                columns: table => new
                {
                    BudgetId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    MaxBudget = table.Column<double>(type: "float", nullable: true),
                    SoftBudget = table.Column<double>(type: "float", nullable: true),
                    MaxParallelRequests = table.Column<int>(type: "int", nullable: true),
                    TpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    RpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    ModelMaxBudget = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    BudgetDuration = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    BudgetResetAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Budgets", x => x.BudgetId);
                });

            migrationBuilder.CreateTable(
                name: "Projects",
                columns: table => new
                {
                    ProjectId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    ProjectAlias = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    TeamId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    BudgetId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    Metadata = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Models = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Spend = table.Column<double>(type: "float", nullable: false),
                    Blocked = table.Column<bool>(type: "bit", nullable: false),
                    ObjectPermissionId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Projects", x => x.ProjectId);
                    table.ForeignKey(
                        name: "FK_Projects_Budgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "Budgets",
                        principalColumn: "BudgetId",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Projects_ObjectPermissions_ObjectPermissionId",
                        column: x => x.ObjectPermissionId,
                        principalTable: "ObjectPermissions",
                        principalColumn: "ObjectPermissionId",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Projects_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_ProjectId",
                table: "VirtualKeys",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_BudgetId",
                table: "Projects",
                column: "BudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_CreatedAt",
                table: "Projects",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_ObjectPermissionId",
                table: "Projects",
                column: "ObjectPermissionId",
                unique: true,
                filter: "[ObjectPermissionId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_ProjectAlias",
                table: "Projects",
                column: "ProjectAlias");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_TeamId_CreatedAt",
                table: "Projects",
                columns: new[] { "TeamId", "CreatedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_VirtualKeys_Projects_ProjectId",
                table: "VirtualKeys",
                column: "ProjectId",
                principalTable: "Projects",
                principalColumn: "ProjectId",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_VirtualKeys_Projects_ProjectId",
                table: "VirtualKeys");

            migrationBuilder.DropTable(
                name: "Projects");

            migrationBuilder.DropTable(
                name: "Budgets");

            migrationBuilder.DropIndex(
                name: "IX_VirtualKeys_ProjectId",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "ProjectId",
                table: "VirtualKeys");
        }
    }
}
