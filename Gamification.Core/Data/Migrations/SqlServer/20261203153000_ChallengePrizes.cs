using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ChallengePrizes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "prize_handed_out_at",
                table: "user_challenge",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "prize_handed_out_by",
                table: "user_challenge",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "prize",
                table: "challenge",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "prize_handed_out_at",
                table: "user_challenge");

            migrationBuilder.DropColumn(
                name: "prize_handed_out_by",
                table: "user_challenge");

            migrationBuilder.DropColumn(
                name: "prize",
                table: "challenge");
        }
    }
}
