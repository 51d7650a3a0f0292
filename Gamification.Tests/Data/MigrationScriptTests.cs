using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gamification.Tests.Data;

public sealed class MigrationScriptTests
{
    [Fact]
    public void Sql_server_idempotent_script_is_generated_offline_and_creates_every_table()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        Assert.Contains("point_transactions", tables);
        Assert.Contains("asp_net_users", tables);
        foreach (var table in tables)
        {
            Assert.Contains($"CREATE TABLE [{table}]", script, StringComparison.Ordinal);
        }
        // Idempotent: every migration is guarded by the history table.
        Assert.Matches(@"IF NOT EXISTS \(\s*SELECT \* FROM \[__EFMigrationsHistory\]\s*WHERE \[MigrationId\] = N'\d+_Initial'", script);
    }

    [Fact]
    public void PostgreSql_idempotent_script_is_generated_offline_and_creates_every_table()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        Assert.Contains("point_transactions", tables);
        Assert.Contains("asp_net_users", tables);
        foreach (var table in tables)
        {
            // Npgsql quotes a name only when it must; the model's names are snake_case.
            Assert.Matches($@"CREATE TABLE ""?{table}""? \(", script);
        }
        // Idempotent: every migration is guarded by the history table.
        Assert.Matches(@"IF NOT EXISTS\(SELECT 1 FROM ""__EFMigrationsHistory"" WHERE ""MigrationId"" = '\d+_InitialPostgreSql'\)", script);
        // Times are timestamps with a time zone (written in UTC), the days off a native integer array.
        Assert.Contains("created_at timestamp with time zone NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("days_off integer[] NOT NULL", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Guide_tables_all_exist_in_the_model()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).ToHashSet();

        string[] guide =
        [
            "gamification_config", "user_points", "point_transactions", "badge", "user_badge", "challenge", "user_challenge",
            "leaderboard", "player_level", "user_level", "reward_item", "user_redemption", "team_challenge", "achievement_event",
            "tenant", "team", "activity_event", "api_key",
        ];
        Assert.All(guide, t => Assert.Contains(t, tables));
    }

    [Fact]
    public void Sql_server_migrations_match_the_model()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for SqlServerGamificationDbContext.");
    }

    [Fact]
    public void PostgreSql_migrations_match_the_model()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for PostgreSqlGamificationDbContext.");
    }

    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run dotnet ef migrations add for SqliteGamificationDbContext.");
    }

    [Fact]
    public void The_unique_source_index_is_built_from_the_entry_types_and_is_the_one_every_migration_created()
    {
        const string Filter = "source_id IS NOT NULL AND type IN ('BadgeReward','ChallengeReward','LevelUp','Activity','Decay')";
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgreSql = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        foreach (var db in new GamificationDbContext[] { sqlServer, sqlite, postgreSql })
        {
            var model = db.GetService<IDesignTimeModel>().Model;
            var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot!.Model;
            Assert.Equal(Filter, UniqueSourceIndex(model).GetFilter());
            Assert.Equal(Filter, UniqueSourceIndex(snapshot).GetFilter());
            Assert.Equal(["TenantId", "UserId", "Type", "SourceId"], UniqueSourceIndex(model).Properties.Select(p => p.Name));
            // Beside it, the index that pays a dispute once (docs/rules.md, Disputes).
            var dispute = Assert.Single(model.FindEntityType(typeof(PointTransaction).FullName!)!.GetIndexes(),
                i => i.IsUnique && i.Properties.Any(p => p.Name == "SourceType"));
            Assert.Equal("source_id IS NOT NULL AND source_type = 'Dispute'", dispute.GetFilter());
        }
    }

    private static IReadOnlyIndex UniqueSourceIndex(IReadOnlyModel model) =>
        Assert.Single(model.FindEntityType(typeof(PointTransaction).FullName!)!.GetIndexes(), i => i.IsUnique && i.Properties.Any(p => p.Name == "Type"));
}
