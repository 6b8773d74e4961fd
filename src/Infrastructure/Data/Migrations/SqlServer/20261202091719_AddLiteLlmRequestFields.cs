using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddLiteLlmRequestFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AccessGroupIds",
                table: "VirtualKeys",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "AgentId",
                table: "VirtualKeys",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Aliases",
                table: "VirtualKeys",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "AllowedCacheControls",
                table: "VirtualKeys",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "AllowedRoutes",
                table: "VirtualKeys",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "AutoRotate",
                table: "VirtualKeys",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "BudgetId",
                table: "VirtualKeys",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Config",
                table: "VirtualKeys",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<DateTime>(
                name: "KeyRotationAt",
                table: "VirtualKeys",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastActive",
                table: "VirtualKeys",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ModelMaxBudget",
                table: "VirtualKeys",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "ModelSpend",
                table: "VirtualKeys",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "ObjectPermissionId",
                table: "VirtualKeys",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrganizationId",
                table: "VirtualKeys",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Permissions",
                table: "VirtualKeys",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "RotationInterval",
                table: "VirtualKeys",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RouterSettings",
                table: "VirtualKeys",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<bool>(
                name: "SoftBudgetCooldown",
                table: "VirtualKeys",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AccessGroupIds",
                table: "Teams",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ModelMaxBudget",
                table: "Teams",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "ModelSpend",
                table: "Teams",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "RouterSettings",
                table: "Teams",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "TeamMemberBudgetId",
                table: "Teams",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeamMemberPermissions",
                table: "Teams",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "BudgetId",
                table: "TeamMembers",
                type: "nvarchar(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Spend",
                table: "TeamMembers",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "ModelSpend",
                table: "Projects",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "McpToolsets",
                table: "ObjectPermissions",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_BudgetId",
                table: "VirtualKeys",
                column: "BudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_VirtualKeys_ObjectPermissionId",
                table: "VirtualKeys",
                column: "ObjectPermissionId",
                unique: true,
                filter: "[ObjectPermissionId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Teams_TeamMemberBudgetId",
                table: "Teams",
                column: "TeamMemberBudgetId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_BudgetId",
                table: "TeamMembers",
                column: "BudgetId");

            migrationBuilder.AddForeignKey(
                name: "FK_TeamMembers_Budgets_BudgetId",
                table: "TeamMembers",
                column: "BudgetId",
                principalTable: "Budgets",
                principalColumn: "BudgetId",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Teams_Budgets_TeamMemberBudgetId",
                table: "Teams",
                column: "TeamMemberBudgetId",
                principalTable: "Budgets",
                principalColumn: "BudgetId",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_VirtualKeys_Budgets_BudgetId",
                table: "VirtualKeys",
                column: "BudgetId",
                principalTable: "Budgets",
                principalColumn: "BudgetId",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_VirtualKeys_ObjectPermissions_ObjectPermissionId",
                table: "VirtualKeys",
                column: "ObjectPermissionId",
                principalTable: "ObjectPermissions",
                principalColumn: "ObjectPermissionId",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_TeamMembers_Budgets_BudgetId",
                table: "TeamMembers");

            migrationBuilder.DropForeignKey(
                name: "FK_Teams_Budgets_TeamMemberBudgetId",
                table: "Teams");

            migrationBuilder.DropForeignKey(
                name: "FK_VirtualKeys_Budgets_BudgetId",
                table: "VirtualKeys");

            migrationBuilder.DropForeignKey(
                name: "FK_VirtualKeys_ObjectPermissions_ObjectPermissionId",
                table: "VirtualKeys");

            migrationBuilder.DropIndex(
                name: "IX_VirtualKeys_BudgetId",
                table: "VirtualKeys");

            migrationBuilder.DropIndex(
                name: "IX_VirtualKeys_ObjectPermissionId",
                table: "VirtualKeys");

            migrationBuilder.DropIndex(
                name: "IX_Teams_TeamMemberBudgetId",
                table: "Teams");

            migrationBuilder.DropIndex(
                name: "IX_TeamMembers_BudgetId",
                table: "TeamMembers");

            migrationBuilder.DropColumn(
                name: "AccessGroupIds",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "AgentId",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "Aliases",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "AllowedCacheControls",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "AllowedRoutes",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "AutoRotate",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "BudgetId",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "Config",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "KeyRotationAt",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "LastActive",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "ModelMaxBudget",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "ModelSpend",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "ObjectPermissionId",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "OrganizationId",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "Permissions",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "RotationInterval",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "RouterSettings",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "SoftBudgetCooldown",
                table: "VirtualKeys");

            migrationBuilder.DropColumn(
                name: "AccessGroupIds",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "ModelMaxBudget",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "ModelSpend",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "RouterSettings",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "TeamMemberBudgetId",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "TeamMemberPermissions",
                table: "Teams");

            migrationBuilder.DropColumn(
                name: "BudgetId",
                table: "TeamMembers");

            migrationBuilder.DropColumn(
                name: "Spend",
                table: "TeamMembers");

            migrationBuilder.DropColumn(
                name: "ModelSpend",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "McpToolsets",
                table: "ObjectPermissions");
        }
    }
}
