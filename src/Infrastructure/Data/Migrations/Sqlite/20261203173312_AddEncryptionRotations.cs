using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddEncryptionRotations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EncryptionRotations",
                columns: table => new
                {
                    RotationId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    TargetKeyId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ModelsAfter = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ModelsDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    CredentialsAfter = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    CredentialsDone = table.Column<bool>(type: "INTEGER", nullable: false),
                    RowsReencrypted = table.Column<long>(type: "INTEGER", nullable: false),
                    ValuesReencrypted = table.Column<long>(type: "INTEGER", nullable: false),
                    UnreadableValues = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    StartedByKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EncryptionRotations", x => x.RotationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EncryptionRotations_State_StartedAt",
                table: "EncryptionRotations",
                columns: new[] { "State", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EncryptionRotations");
        }
    }
}
