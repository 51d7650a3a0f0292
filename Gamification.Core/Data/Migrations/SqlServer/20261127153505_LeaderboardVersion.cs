using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LeaderboardVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_leaderboard_score_tenant_id_period_type_period_start_points",
                table: "leaderboard_score");

            migrationBuilder.CreateTable(
                name: "leaderboard_version",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    people_version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leaderboard_version", x => x.tenant_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_leaderboard_score_tenant_id_period_type_period_start_points_user_id",
                table: "leaderboard_score",
                columns: new[] { "tenant_id", "period_type", "period_start", "points", "user_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "leaderboard_version");

            migrationBuilder.DropIndex(
                name: "ix_leaderboard_score_tenant_id_period_type_period_start_points_user_id",
                table: "leaderboard_score");

            migrationBuilder.CreateIndex(
                name: "ix_leaderboard_score_tenant_id_period_type_period_start_points",
                table: "leaderboard_score",
                columns: new[] { "tenant_id", "period_type", "period_start", "points" });
        }
    }
}
