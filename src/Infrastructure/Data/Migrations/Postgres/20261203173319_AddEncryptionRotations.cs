using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProxyAdmin.Infrastructure.Data.Migrations.Postgres
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
                    RotationId = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false, collation: "C"),
                    TargetKeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    ModelsAfter = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true, collation: "C"),
                    ModelsDone = table.Column<bool>(type: "boolean", nullable: false),
                    CredentialsAfter = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: true, collation: "C"),
                    CredentialsDone = table.Column<bool>(type: "boolean", nullable: false),
                    RowsReencrypted = table.Column<long>(type: "bigint", nullable: false),
                    ValuesReencrypted = table.Column<long>(type: "bigint", nullable: false),
                    UnreadableValues = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false, collation: "C"),
                    StartedByKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
