using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChallengePrizes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "prize_handed_out_at",
                table: "user_challenge",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "prize_handed_out_by",
                table: "user_challenge",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "prize",
                table: "challenge",
                type: "TEXT",
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
