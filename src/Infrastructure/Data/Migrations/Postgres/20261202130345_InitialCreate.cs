using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditLogs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    ChangedByApiKey = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false, collation: "C"),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    TableName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    ObjectId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    BeforeValue = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UpdatedValues = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLogs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Budgets",
                columns: table => new
                {
                    BudgetId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    MaxBudget = table.Column<double>(type: "double precision", nullable: true),
                    SoftBudget = table.Column<double>(type: "double precision", nullable: true),
                    MaxParallelRequests = table.Column<int>(type: "integer", nullable: true),
                    TpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    RpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    ModelMaxBudget = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    BudgetDuration = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    BudgetResetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Budgets", x => x.BudgetId);
                });

            migrationBuilder.CreateTable(
                name: "ModelDeployments",
                columns: table => new
                {
                    ModelId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    ModelName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false, collation: "C"),
                    LitellmParams = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ModelInfo = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    TeamPublicModelName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true, collation: "C"),
                    Blocked = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelDeployments", x => x.ModelId);
                });

            migrationBuilder.CreateTable(
                name: "ObjectPermissions",
                columns: table => new
                {
                    ObjectPermissionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    VectorStores = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    McpServers = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    McpAccessGroups = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    McpToolPermissions = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Agents = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    AgentAccessGroups = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Models = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    BlockedTools = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    McpToolsets = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectPermissions", x => x.ObjectPermissionId);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UserEmail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true, collation: "C"),
                    UserAlias = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    UserRole = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    MaxBudget = table.Column<double>(type: "double precision", nullable: true),
                    Spend = table.Column<double>(type: "double precision", nullable: false),
                    Models = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    RpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    MaxParallelRequests = table.Column<int>(type: "integer", nullable: true),
                    BudgetDuration = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    BudgetResetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Metadata = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "Teams",
                columns: table => new
                {
                    TeamId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    TeamAlias = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    OrganizationId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    Models = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    MaxBudget = table.Column<double>(type: "double precision", nullable: true),
                    SoftBudget = table.Column<double>(type: "double precision", nullable: true),
                    Spend = table.Column<double>(type: "double precision", nullable: false),
                    TpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    RpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    MaxParallelRequests = table.Column<int>(type: "integer", nullable: true),
                    BudgetDuration = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    BudgetResetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ModelAliases = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Metadata = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Blocked = table.Column<bool>(type: "boolean", nullable: false),
                    TeamMemberPermissions = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RouterSettings = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    AccessGroupIds = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ModelSpend = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ModelMaxBudget = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    TeamMemberBudgetId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    ObjectPermissionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teams", x => x.TeamId);
                    table.ForeignKey(
                        name: "FK_Teams_Budgets_TeamMemberBudgetId",
                        column: x => x.TeamMemberBudgetId,
                        principalTable: "Budgets",
                        principalColumn: "BudgetId",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Teams_ObjectPermissions_ObjectPermissionId",
                        column: x => x.ObjectPermissionId,
                        principalTable: "ObjectPermissions",
                        principalColumn: "ObjectPermissionId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Projects",
                columns: table => new
                {
                    ProjectId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    ProjectAlias = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    BudgetId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    Metadata = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Models = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Spend = table.Column<double>(type: "double precision", nullable: false),
                    ModelSpend = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Blocked = table.Column<bool>(type: "boolean", nullable: false),
                    ObjectPermissionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
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

            migrationBuilder.CreateTable(
                name: "TeamMembers",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UserEmail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true, collation: "C"),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    BudgetId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    Spend = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMembers", x => new { x.TeamId, x.UserId });
                    table.ForeignKey(
                        name: "FK_TeamMembers_Budgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "Budgets",
                        principalColumn: "BudgetId",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TeamMembers_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "TeamId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VirtualKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Token = table.Column<string>(type: "character(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false, collation: "C"),
                    KeyName = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    KeyAlias = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    UserId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    TeamId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    ProjectId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    AgentId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    OrganizationId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    Models = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    MaxBudget = table.Column<double>(type: "double precision", nullable: true),
                    Spend = table.Column<double>(type: "double precision", nullable: false),
                    TpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    RpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    MaxParallelRequests = table.Column<int>(type: "integer", nullable: true),
                    BudgetDuration = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    BudgetResetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Expires = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Metadata = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Blocked = table.Column<bool>(type: "boolean", nullable: false),
                    Aliases = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Config = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Permissions = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ModelMaxBudget = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ModelSpend = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RouterSettings = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    AllowedCacheControls = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    AllowedRoutes = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    AccessGroupIds = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    SoftBudgetCooldown = table.Column<bool>(type: "boolean", nullable: false),
                    AutoRotate = table.Column<bool>(type: "boolean", nullable: false),
                    RotationInterval = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    KeyRotationAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastActive = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BudgetId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    ObjectPermissionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    RotationCount = table.Column<int>(type: "integer", nullable: false),
                    LastRotationAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VirtualKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VirtualKeys_Budgets_BudgetId",
                        column: x => x.BudgetId,
                        principalTable: "Budgets",
                        principalColumn: "BudgetId",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VirtualKeys_ObjectPermissions_ObjectPermissionId",
                        column: x => x.ObjectPermissionId,
                        principalTable: "ObjectPermissions",
                        principalColumn: "ObjectPermissionId",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VirtualKeys_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "ProjectId",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VirtualKeys_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "UserId",
                        onDelete: ReferentialAction.Restrict);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_ModelDeployments_CreatedAt",
                table: "ModelDeployments",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ModelDeployments_ModelName",
                table: "ModelDeployments",
                column: "ModelName");

            migrationBuilder.CreateIndex(
                name: "IX_ModelDeployments_TeamId_TeamPublicModelName",
                table: "ModelDeployments",
                columns: new[] { "TeamId", "TeamPublicModelName" });

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
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Projects_ProjectAlias",
                table: "Projects",
                column: "ProjectAlias");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_TeamId_CreatedAt",
                table: "Projects",
                columns: new[] { "TeamId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_BudgetId",
                table: "TeamMembers",
                column: "BudgetId");

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

            migrationBuilder.CreateIndex(
                name: "IX_Teams_TeamMemberBudgetId",
                table: "Teams",
                column: "TeamMemberBudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_Users_CreatedAt",
                table: "Users",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Users_UserEmail",
                table: "Users",
                column: "UserEmail");

            migrationBuilder.CreateIndex(
                name: "IX_Users_UserRole",
                table: "Users",
                column: "UserRole");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_BudgetId",
                table: "VirtualKeys",
                column: "BudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_CreatedAt",
                table: "VirtualKeys",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_KeyAlias",
                table: "VirtualKeys",
                column: "KeyAlias",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_ObjectPermissionId",
                table: "VirtualKeys",
                column: "ObjectPermissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_ProjectId",
                table: "VirtualKeys",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_TeamId",
                table: "VirtualKeys",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_Token",
                table: "VirtualKeys",
                column: "Token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_UserId_CreatedAt",
                table: "VirtualKeys",
                columns: new[] { "UserId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditLogs");

            migrationBuilder.DropTable(
                name: "ModelDeployments");

            migrationBuilder.DropTable(
                name: "TeamMembers");

            migrationBuilder.DropTable(
                name: "VirtualKeys");

            migrationBuilder.DropTable(
                name: "Projects");

            migrationBuilder.DropTable(
                name: "Users");

            migrationBuilder.DropTable(
                name: "Teams");

            migrationBuilder.DropTable(
                name: "Budgets");

            migrationBuilder.DropTable(
                name: "ObjectPermissions");
        }
    }
}
