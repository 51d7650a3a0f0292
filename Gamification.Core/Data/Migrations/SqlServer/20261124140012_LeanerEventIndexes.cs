using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LeanerEventIndexes : Migration
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

            migrationBuilder.CreateIndex(
                name: "ix_activity_event_user_id_local_date",
                table: "activity_event",
                columns: new[] { "user_id", "local_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_activity_event_user_id_local_date",
                table: "activity_event");

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
