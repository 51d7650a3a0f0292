using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class BadgesAndChallenges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_user_challenge_tenant_id_user_id_challenge_id_window_start",
                table: "user_challenge");

            migrationBuilder.DropIndex(
                name: "ix_team_challenge_tenant_id_team_id_challenge_id_window_start",
                table: "team_challenge");

            migrationBuilder.CreateTable(
                name: "badge_image",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    tenant_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    content_type = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    content = table.Column<byte[]>(type: "varbinary(max)", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_badge_image", x => x.id);
                    table.ForeignKey(
                        name: "fk_badge_image_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_user_challenge_tenant_id_user_id_window_start_challenge_id",
                table: "user_challenge",
                columns: new[] { "tenant_id", "user_id", "window_start", "challenge_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_team_challenge_tenant_id_team_id_window_start_challenge_id",
                table: "team_challenge",
                columns: new[] { "tenant_id", "team_id", "window_start", "challenge_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_badge_image_tenant_id",
                table: "badge_image",
                column: "tenant_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "badge_image");

            migrationBuilder.DropIndex(
                name: "ix_user_challenge_tenant_id_user_id_window_start_challenge_id",
                table: "user_challenge");

            migrationBuilder.DropIndex(
                name: "ix_team_challenge_tenant_id_team_id_window_start_challenge_id",
                table: "team_challenge");

            migrationBuilder.CreateIndex(
                name: "ix_user_challenge_tenant_id_user_id_challenge_id_window_start",
                table: "user_challenge",
                columns: new[] { "tenant_id", "user_id", "challenge_id", "window_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_team_challenge_tenant_id_team_id_challenge_id_window_start",
                table: "team_challenge",
                columns: new[] { "tenant_id", "team_id", "challenge_id", "window_start" },
                unique: true);
        }
    }
}
