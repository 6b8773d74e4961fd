using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.SqlServer
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
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Credentials",
                columns: table => new
                {
                    CredentialId = table.Column<string>(type: "nvarchar(36)", maxLength: 36, nullable: false),
                    CredentialName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CredentialValues = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CredentialInfo = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
