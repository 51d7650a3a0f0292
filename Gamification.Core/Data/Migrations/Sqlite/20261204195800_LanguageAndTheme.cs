using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LanguageAndTheme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "gamification_config",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "asp_net_users",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "theme",
                table: "asp_net_users",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "System");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "language",
                table: "gamification_config");

            migrationBuilder.DropColumn(
                name: "language",
                table: "asp_net_users");

            migrationBuilder.DropColumn(
                name: "theme",
                table: "asp_net_users");
        }
    }
}
