using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.Postgres
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
                type: "character varying(256)",
                maxLength: 256,
                nullable: true,
                collation: "C");

            migrationBuilder.CreateTable(
                name: "Credentials",
                columns: table => new
                {
                    CredentialId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C"),
                    CredentialName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    CredentialValues = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CredentialInfo = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
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
