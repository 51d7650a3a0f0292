using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LevelTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "player_level",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            // The seeded levels were named after their tier.
            migrationBuilder.Sql("UPDATE player_level SET tier = name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "tier",
                table: "player_level");
        }
    }
}
