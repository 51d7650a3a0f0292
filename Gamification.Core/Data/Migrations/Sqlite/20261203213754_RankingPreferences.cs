using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RankingPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "leaderboard_visibility_choice",
                table: "gamification_config",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "leagues",
                table: "gamification_config",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "protect_bottom",
                table: "gamification_config",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "protect_bottom_top",
                table: "gamification_config",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<bool>(
                name: "streak_reminders",
                table: "gamification_config",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "leaderboard_visibility",
                table: "asp_net_users",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Visible");

            migrationBuilder.AddColumn<bool>(
                name: "streak_reminders",
                table: "asp_net_users",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
