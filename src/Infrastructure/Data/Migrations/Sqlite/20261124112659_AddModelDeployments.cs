using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddModelDeployments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelDeployments",
                columns: table => new
                {
                    ModelId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ModelName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    LitellmParams = table.Column<string>(type: "TEXT", nullable: false),
                    ModelInfo = table.Column<string>(type: "TEXT", nullable: false),
                    TeamId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    TeamPublicModelName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Blocked = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelDeployments", x => x.ModelId);
                });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModelDeployments");
        }
    }
}
