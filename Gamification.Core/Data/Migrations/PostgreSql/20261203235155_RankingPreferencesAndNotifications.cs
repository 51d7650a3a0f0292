using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gamification.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RankingPreferencesAndNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "leaderboard_visibility_choice",
                table: "gamification_config",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "leagues",
                table: "gamification_config",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "protect_bottom",
                table: "gamification_config",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "protect_bottom_top",
                table: "gamification_config",
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<bool>(
                name: "streak_reminders",
                table: "gamification_config",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "leaderboard_visibility",
                table: "asp_net_users",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Visible");

            migrationBuilder.AddColumn<bool>(
                name: "streak_reminders",
                table: "asp_net_users",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "user_notification",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    text = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    data_json = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_notification", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_notification_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_notification_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_user_notification_tenant_id_user_id_created_at",
                table: "user_notification",
                columns: new[] { "tenant_id", "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_notification_tenant_id_user_id_kind_local_date",
                table: "user_notification",
                columns: new[] { "tenant_id", "user_id", "kind", "local_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_notification_user_id",
                table: "user_notification",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "user_notification");

            migrationBuilder.DropColumn(
                name: "leaderboard_visibility_choice",
                table: "gamification_config");

            migrationBuilder.DropColumn(
                name: "leagues",
                table: "gamification_config");

            migrationBuilder.DropColumn(
                name: "protect_bottom",
                table: "gamification_config");

            migrationBuilder.DropColumn(
                name: "protect_bottom_top",
                table: "gamification_config");

            migrationBuilder.DropColumn(
                name: "streak_reminders",
                table: "gamification_config");

            migrationBuilder.DropColumn(
                name: "leaderboard_visibility",
                table: "asp_net_users");

            migrationBuilder.DropColumn(
                name: "streak_reminders",
                table: "asp_net_users");
        }
    }
}
