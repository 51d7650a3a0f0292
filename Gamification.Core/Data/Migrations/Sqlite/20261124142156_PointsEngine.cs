using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PointsEngine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_activity_event_tenant_id_local_date",
                table: "activity_event");

            migrationBuilder.DropIndex(
                name: "ix_activity_event_tenant_id_user_id_local_date",
                table: "activity_event");

            migrationBuilder.DropIndex(
                name: "ix_activity_event_user_id",
                table: "activity_event");

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

            migrationBuilder.CreateTable(
                name: "job_run",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    job_name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    last_local_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    last_run_at = table.Column<long>(type: "INTEGER", nullable: false),
                    last_result = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    last_succeeded = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_job_run", x => x.id);
                    table.ForeignKey(
                        name: "fk_job_run_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_activity_event_user_id_local_date",
                table: "activity_event",
                columns: new[] { "user_id", "local_date" });

            migrationBuilder.CreateIndex(
                name: "ix_job_run_tenant_id_job_name",
                table: "job_run",
                columns: new[] { "tenant_id", "job_name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "job_run");

            migrationBuilder.DropIndex(
                name: "ix_activity_event_user_id_local_date",
                table: "activity_event");

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

            migrationBuilder.CreateIndex(
                name: "ix_activity_event_tenant_id_local_date",
                table: "activity_event",
                columns: new[] { "tenant_id", "local_date" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_event_tenant_id_user_id_local_date",
                table: "activity_event",
                columns: new[] { "tenant_id", "user_id", "local_date" });

            migrationBuilder.CreateIndex(
                name: "ix_activity_event_user_id",
                table: "activity_event",
                column: "user_id");
        }
    }
}
