using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.SqlServer
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ChangedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ChangedByApiKey = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    TableName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ObjectId = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    BeforeValue = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UpdatedValues = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLogs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    UserEmail = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: true),
                    UserAlias = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    UserRole = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    MaxBudget = table.Column<double>(type: "float", nullable: true),
                    Spend = table.Column<double>(type: "float", nullable: false),
                    Models = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    TpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    RpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    MaxParallelRequests = table.Column<int>(type: "int", nullable: true),
                    BudgetDuration = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    BudgetResetAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Metadata = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "VirtualKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Token = table.Column<string>(type: "char(64)", unicode: false, fixedLength: true, maxLength: 64, nullable: false),
                    KeyName = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    KeyAlias = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    UserId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    TeamId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    Models = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    MaxBudget = table.Column<double>(type: "float", nullable: true),
                    Spend = table.Column<double>(type: "float", nullable: false),
                    TpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    RpmLimit = table.Column<long>(type: "bigint", nullable: true),
                    MaxParallelRequests = table.Column<int>(type: "int", nullable: true),
                    BudgetDuration = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    BudgetResetAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Expires = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Metadata = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Blocked = table.Column<bool>(type: "bit", nullable: false),
                    RotationCount = table.Column<int>(type: "int", nullable: false),
                    LastRotationAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VirtualKeys", x => x.Id);
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
                name: "IX_VirtualKeys_CreatedAt",
                table: "VirtualKeys",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_KeyAlias",
                table: "VirtualKeys",
                column: "KeyAlias",
                unique: true,
                filter: "[KeyAlias] IS NOT NULL");

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
                name: "VirtualKeys");

            migrationBuilder.DropTable(
                name: "Users");
        }
    }
}
