using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gamification.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RewardStockChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reward_stock_change",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reward_item_id = table.Column<long>(type: "INTEGER", nullable: false),
                    stock_before = table.Column<int>(type: "INTEGER", nullable: true),
                    stock_after = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    by_user_id = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reward_stock_change", x => x.id);
                    table.ForeignKey(
                        name: "fk_reward_stock_change_reward_item_reward_item_id",
                        column: x => x.reward_item_id,
                        principalTable: "reward_item",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_reward_stock_change_tenant_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenant",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reward_stock_change_reward_item_id",
                table: "reward_stock_change",
                column: "reward_item_id");

            migrationBuilder.CreateIndex(
                name: "ix_reward_stock_change_tenant_id_reward_item_id_at",
                table: "reward_stock_change",
                columns: new[] { "tenant_id", "reward_item_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reward_stock_change");
        }
    }
}
