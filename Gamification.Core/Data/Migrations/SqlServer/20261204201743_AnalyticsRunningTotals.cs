using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AnalyticsRunningTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "earned_to_date",
                table: "daily_user_stat",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Days built before: each person's running total of activity and reward points (standard SQL, every provider).
            migrationBuilder.Sql(@"UPDATE daily_user_stat SET earned_to_date = (
    SELECT SUM(d.activity_points + d.reward_points) FROM daily_user_stat d
    WHERE d.tenant_id = daily_user_stat.tenant_id AND d.user_id = daily_user_stat.user_id AND d.local_date <= daily_user_stat.local_date)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "earned_to_date",
                table: "daily_user_stat");
        }
    }
}
