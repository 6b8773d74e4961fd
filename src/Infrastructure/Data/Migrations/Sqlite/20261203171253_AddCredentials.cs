using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CredentialName",
                table: "ModelDeployments",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Credentials",
                columns: table => new
                {
                    CredentialId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    CredentialName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CredentialValues = table.Column<string>(type: "TEXT", nullable: false),
                    CredentialInfo = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Credentials", x => x.CredentialId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelDeployments_CredentialName",
                table: "ModelDeployments",
                column: "CredentialName");

            migrationBuilder.CreateIndex(
                name: "IX_Credentials_CredentialName",
                table: "Credentials",
                column: "CredentialName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Credentials");

            migrationBuilder.DropIndex(
                name: "IX_ModelDeployments_CredentialName",
                table: "ModelDeployments");

            migrationBuilder.DropColumn(
                name: "CredentialName",
                table: "ModelDeployments");
        }
    }
}
