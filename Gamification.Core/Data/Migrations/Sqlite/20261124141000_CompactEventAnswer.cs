using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CompactEventAnswer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "result_json",
                table: "activity_event");

            migrationBuilder.AddColumn<bool>(
                name: "capped",
                table: "activity_event",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "current_points_after",
                table: "activity_event",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "daily_points_after",
                table: "activity_event",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "level_up",
                table: "activity_event",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "streak_days_after",
                table: "activity_event",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "capped",
                table: "activity_event");

            migrationBuilder.DropColumn(
                name: "current_points_after",
                table: "activity_event");

            migrationBuilder.DropColumn(
                name: "daily_points_after",
                table: "activity_event");

            migrationBuilder.DropColumn(
                name: "level_up",
                table: "activity_event");

            migrationBuilder.DropColumn(
                name: "streak_days_after",
                table: "activity_event");

            migrationBuilder.AddColumn<string>(
                name: "result_json",
                table: "activity_event",
                type: "TEXT",
                nullable: true);
        }
    }
}
