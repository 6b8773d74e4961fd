using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.SqlServer
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
                    ObjectPermissionId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    VectorStores = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    McpServers = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    McpAccessGroups = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    McpToolPermissions = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Agents = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    AgentAccessGroups = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Models = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    BlockedTools = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectPermissions", x => x.ObjectPermissionId);
                });

            migrationBuilder.CreateTable(
                name: "Teams",
                columns: table => new
                {
                    TeamId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    TeamAlias = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    OrganizationId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    Models = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    MaxBudget = table.Column<double>(type: "float", nullable: true),
                    SoftBudget = table.Column<double>(type: "float", nullable: true),
                    Spend = table.Column<double>(type: "float", nullable: false),
                    TpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    RpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    MaxParallelRequests = table.Column<int>(type: "int", nullable: true),
                    BudgetDuration = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    BudgetResetAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ModelAliases = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Metadata = table.Column<string>(type: "nvarchar(max)", nullable: false),
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
                    UserId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    TeamId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    UserEmail = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: true),
                    Role = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false)
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
                unique: true,
                filter: "[ObjectPermissionId] IS NOT NULL");

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
