using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ObjectPermissions",
                columns: table => new
                {
                    ObjectPermissionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VectorStores = table.Column<string>(type: "TEXT", nullable: false),
                    McpServers = table.Column<string>(type: "TEXT", nullable: false),
                    McpAccessGroups = table.Column<string>(type: "TEXT", nullable: false),
                    McpToolPermissions = table.Column<string>(type: "TEXT", nullable: false),
                    Agents = table.Column<string>(type: "TEXT", nullable: false),
                    AgentAccessGroups = table.Column<string>(type: "TEXT", nullable: false),
                    Models = table.Column<string>(type: "TEXT", nullable: false),
                    BlockedTools = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectPermissions", x => x.ObjectPermissionId);
                });

            migrationBuilder.CreateTable(
                name: "Teams",
                columns: table => new
                {
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TeamAlias = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Models = table.Column<string>(type: "TEXT", nullable: false),
                    MaxBudget = table.Column<double>(type: "REAL", nullable: true),
                    SoftBudget = table.Column<double>(type: "REAL", nullable: true),
                    Spend = table.Column<double>(type: "REAL", nullable: false),
                    TpmLimit = table.Column<long>(type: "INTEGER", nullable: true),
                    RpmLimit = table.Column<long>(type: "INTEGER", nullable: true),
                    MaxParallelRequests = table.Column<int>(type: "INTEGER", nullable: true),
                    BudgetDuration = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    BudgetResetAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModelAliases = table.Column<string>(type: "TEXT", nullable: false),
                    Metadata = table.Column<string>(type: "TEXT", nullable: false),
                    Blocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    ObjectPermissionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teams", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_Teams_ObjectPermissions_ObjectPermissionId",
                        column: x => x.ObjectPermissionId,
                        principalTable: "ObjectPermissions",
                        principalColumn: "ObjectPermissionId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TeamMembers",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    UserEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMembers", x => new { x.TeamId, x.UserId });
                    table.ForeignKey(
                        name: "FK_TeamMembers_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_UserId",
                table: "TeamMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_CreatedAt",
                table: "Teams",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_ObjectPermissionId",
                table: "Teams",
                column: "ObjectPermissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Teams_OrganizationId",
                table: "Teams",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_TeamAlias",
                table: "Teams",
                column: "TeamAlias");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TeamMembers");

            migrationBuilder.DropTable(
                name: "Teams");

            migrationBuilder.DropTable(
                name: "ObjectPermissions");
        }
    }
}
