using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class JobRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "job_run",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    tenant_id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    job_name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    last_local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    last_run_at = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    last_result = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    last_succeeded = table.Column<bool>(type: "bit", nullable: false)
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
        }
    }
}
