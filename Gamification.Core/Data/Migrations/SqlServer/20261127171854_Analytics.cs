using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "daily_team_stat",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    tenant_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    team_id = table.Column<long>(type: "bigint", nullable: false),
                    active_users = table.Column<int>(type: "int", nullable: false),
                    events = table.Column<int>(type: "int", nullable: false),
                    calls = table.Column<int>(type: "int", nullable: false),
                    conversions = table.Column<int>(type: "int", nullable: false),
                    activity_points = table.Column<long>(type: "bigint", nullable: false),
                    reward_points = table.Column<long>(type: "bigint", nullable: false),
                    spent_points = table.Column<long>(type: "bigint", nullable: false),
                    redemptions = table.Column<int>(type: "int", nullable: false),
                    badges_earned = table.Column<int>(type: "int", nullable: false),
                    challenges_completed = table.Column<int>(type: "int", nullable: false),
                    active_challenges = table.Column<int>(type: "int", nullable: false),
                    leaderboard_views = table.Column<int>(type: "int", nullable: false),
                    easy_participants = table.Column<int>(type: "int", nullable: false),
                    easy_completed = table.Column<int>(type: "int", nullable: false),
                    medium_participants = table.Column<int>(type: "int", nullable: false),
                    medium_completed = table.Column<int>(type: "int", nullable: false),
                    hard_participants = table.Column<int>(type: "int", nullable: false),
                    hard_completed = table.Column<int>(type: "int", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_team_stat", x => x.id);
                    table.ForeignKey(
                        name: "fk_daily_team_stat_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "daily_user_stat",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    tenant_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    user_id = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    events = table.Column<int>(type: "int", nullable: false),
                    calls = table.Column<int>(type: "int", nullable: false),
                    perfect_calls = table.Column<int>(type: "int", nullable: false),
                    conversions = table.Column<int>(type: "int", nullable: false),
                    reviews = table.Column<int>(type: "int", nullable: false),
                    feedback = table.Column<int>(type: "int", nullable: false),
                    rated_calls = table.Column<int>(type: "int", nullable: false),
                    rating_sum = table.Column<int>(type: "int", nullable: false),
                    activity_points = table.Column<long>(type: "bigint", nullable: false),
                    reward_points = table.Column<long>(type: "bigint", nullable: false),
                    revoked_points = table.Column<long>(type: "bigint", nullable: false),
                    spent_points = table.Column<long>(type: "bigint", nullable: false),
                    redemptions = table.Column<int>(type: "int", nullable: false),
                    badges_earned = table.Column<int>(type: "int", nullable: false),
                    challenges_completed = table.Column<int>(type: "int", nullable: false),
                    level_ups = table.Column<int>(type: "int", nullable: false),
                    first_event_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    last_event_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    cap_reached_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_user_stat", x => x.id);
                    table.ForeignKey(
                        name: "fk_daily_user_stat_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_daily_user_stat_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "farming_flag",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    tenant_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    user_id = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    kind = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    score = table.Column<double>(type: "float", nullable: false),
                    evidence = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    data_json = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    window_start = table.Column<DateOnly>(type: "date", nullable: false),
                    window_end = table.Column<DateOnly>(type: "date", nullable: false),
                    detected_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    decided_by_user_id = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_farming_flag", x => x.id);
                    table.ForeignKey(
                        name: "fk_farming_flag_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_farming_flag_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leaderboard_view",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    tenant_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    user_id = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    views = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leaderboard_view", x => x.id);
                    table.ForeignKey(
                        name: "fk_leaderboard_view_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_leaderboard_view_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_daily_team_stat_tenant_id_team_id_local_date",
                table: "daily_team_stat",
                columns: new[] { "tenant_id", "team_id", "local_date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_daily_user_stat_tenant_id_local_date_user_id",
                table: "daily_user_stat",
                columns: new[] { "tenant_id", "local_date", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_daily_user_stat_tenant_id_user_id_local_date_activity_points_reward_points",
                table: "daily_user_stat",
                columns: new[] { "tenant_id", "user_id", "local_date", "activity_points", "reward_points" });

            migrationBuilder.CreateIndex(
                name: "ix_daily_user_stat_user_id",
                table: "daily_user_stat",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_farming_flag_tenant_id_status_detected_at",
                table: "farming_flag",
                columns: new[] { "tenant_id", "status", "detected_at" });

            migrationBuilder.CreateIndex(
                name: "ix_farming_flag_tenant_id_user_id_kind_window_start",
                table: "farming_flag",
                columns: new[] { "tenant_id", "user_id", "kind", "window_start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_farming_flag_user_id",
                table: "farming_flag",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_leaderboard_view_tenant_id_local_date_user_id",
                table: "leaderboard_view",
                columns: new[] { "tenant_id", "local_date", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leaderboard_view_user_id",
                table: "leaderboard_view",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "daily_team_stat");

            migrationBuilder.DropTable(
                name: "daily_user_stat");

            migrationBuilder.DropTable(
                name: "farming_flag");

            migrationBuilder.DropTable(
                name: "leaderboard_view");
        }
    }
}
