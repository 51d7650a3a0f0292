using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChallengeCadenceSwitches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "daily_challenges_off_from",
                table: "gamification_config",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "monthly_challenges_off_from",
                table: "gamification_config",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "weekly_challenges_off_from",
                table: "gamification_config",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "daily_challenges_off_from",
                table: "gamification_config");

            migrationBuilder.DropColumn(
                name: "monthly_challenges_off_from",
                table: "gamification_config");

            migrationBuilder.DropColumn(
                name: "weekly_challenges_off_from",
                table: "gamification_config");
        }
    }
}
