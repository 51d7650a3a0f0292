using Microsoft.Data.Sqlite;

namespace Gamification.Tests.Data;

/// <summary>
/// The engine's prepared statements, built from the EF model, for every provider. SQL Server is not available here,
/// so its statements are checked as text (the connection is created, never opened); PostgreSQL's are checked the same
/// way here, and run against a real server by the engine's tests on each database (<see cref="EachDatabaseAttribute"/>).
/// </summary>
public sealed class RowWriterSqlTests
{
    [Fact]
    public async Task Sql_server_ledger_inserts_carry_many_rows_per_command_under_the_parameter_limit()
    {
        await using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        await using var insert = new RowInserter<PointTransaction>(db);

        var sql = insert.CommandTextFor(insert.RowsPerCommand);

        Assert.StartsWith("INSERT INTO [point_transactions] ([base_points], ", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("[id]", sql, StringComparison.Ordinal);
        var columns = db.Model.FindEntityType(typeof(PointTransaction))!.GetProperties().Count() - 1;
        Assert.True(insert.RowsPerCommand > 1);
        Assert.True(insert.RowsPerCommand * columns <= 2000, "SQL Server takes at most 2,100 parameters a command");
        Assert.Equal(insert.RowsPerCommand * columns, sql.Count(c => c == '@'));
    }

    [Fact]
    public async Task Sql_server_balance_update_is_checked_against_the_version_it_read()
    {
        await using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        await using var update = new RowUpdater<UserPoints>(db);

        Assert.StartsWith("UPDATE [user_points] SET ", update.CommandText, StringComparison.Ordinal);
        Assert.Matches(@"WHERE \[id\] = @p\d+ AND \[version\] = @original$", update.CommandText);
        Assert.Contains("[current_points] = @p", update.CommandText, StringComparison.Ordinal);
        Assert.Contains("[version] = @p", update.CommandText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_inserts_one_row_per_prepared_command()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await using var db = new SqliteGamificationDbContext(new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite(connection).Options);
        await using var insert = new RowInserter<ActivityEvent>(db);

        Assert.Equal(1, insert.RowsPerCommand);
        Assert.StartsWith("INSERT INTO \"activity_event\" (", insert.CommandTextFor(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_server_challenge_progress_updates_are_checked_against_their_version_and_keep_their_owners()
    {
        await using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        await using var user = new RowUpdater<UserChallenge>(db);
        await using var team = new RowUpdater<TeamChallenge>(db);
        await using var badges = new RowInserter<UserBadge>(db);

        Assert.StartsWith("UPDATE [user_challenge] SET ", user.CommandText, StringComparison.Ordinal);
        Assert.Matches(@"WHERE \[id\] = @p\d+ AND \[version\] = @original$", user.CommandText);
        Assert.Contains("[progress] = @p", user.CommandText, StringComparison.Ordinal);
        Assert.Contains("[rating_sum] = @p", user.CommandText, StringComparison.Ordinal);
        Assert.DoesNotContain("[user_id] =", user.CommandText, StringComparison.Ordinal);
        Assert.DoesNotContain("[challenge_id] =", user.CommandText, StringComparison.Ordinal);
        Assert.StartsWith("UPDATE [team_challenge] SET ", team.CommandText, StringComparison.Ordinal);
        Assert.Matches(@"WHERE \[id\] = @p\d+ AND \[version\] = @original$", team.CommandText);
        Assert.DoesNotContain("[team_id] =", team.CommandText, StringComparison.Ordinal);
        Assert.StartsWith("INSERT INTO [user_badge] (", badges.CommandTextFor(1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSql_ledger_inserts_carry_a_hundred_rows_per_command_with_positional_parameters()
    {
        await using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        await using var insert = new RowInserter<PointTransaction>(db);

        var sql = insert.CommandTextFor(insert.RowsPerCommand);

        Assert.StartsWith("INSERT INTO point_transactions (base_points, ", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("(id,", sql, StringComparison.Ordinal);
        Assert.DoesNotContain(" id,", sql, StringComparison.Ordinal);
        var columns = db.Model.FindEntityType(typeof(PointTransaction))!.GetProperties().Count() - 1;
        Assert.Equal(100, insert.RowsPerCommand);
        Assert.Equal(100 * columns, sql.Count(c => c == '@'));
        Assert.EndsWith($"@p{(100 * columns) - 1})", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSql_balance_update_is_checked_against_the_version_it_read()
    {
        await using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        await using var update = new RowUpdater<UserPoints>(db);

        Assert.StartsWith("UPDATE user_points SET ", update.CommandText, StringComparison.Ordinal);
        Assert.Matches(@"WHERE id = @p\d+ AND version = @original$", update.CommandText);
        Assert.Contains("current_points = @p", update.CommandText, StringComparison.Ordinal);
        Assert.DoesNotContain("user_id =", update.CommandText, StringComparison.Ordinal);
        // In a batch, the same statement with unnamed parameters in the same order: $1 the first column, the token last.
        var columns = db.Model.FindEntityType(typeof(UserPoints))!.GetProperties().Count(p => !p.IsForeignKey());
        Assert.Equal(Regex.Replace(update.CommandText, @"@p(\d+)", m => $"${int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1}")
            .Replace("@original", $"${columns + 1}", StringComparison.Ordinal), update.BatchText);
        Assert.EndsWith($"AND version = ${columns + 1}", update.BatchText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSql_score_update_adds_to_the_row_of_the_period()
    {
        await using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        await using var scores = new ScoreWriter(db);

        Assert.Equal(
            "UPDATE leaderboard_score SET points = points + @delta, team_id = @team, version = version + 1 "
            + "WHERE tenant_id = @tenant AND period_type = @period AND period_start = @start AND user_id = @user",
            scores.CommandText);
    }

    [Fact]
    public async Task PostgreSql_batches_a_units_scores_as_upserts_that_add_to_the_existing_row_with_positional_parameters()
    {
        await using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);
        await using var scores = new ScoreWriter(db);

        Assert.True(SqlDialect.Of(db).BatchesCommands);
        Assert.Equal(
            "INSERT INTO leaderboard_score (tenant_id, period_type, period_start, user_id, team_id, points, version) "
            + "VALUES ($3, $4, $5, $6, $2, $1, 1) "
            + "ON CONFLICT (tenant_id, period_type, period_start, user_id) DO UPDATE SET points = leaderboard_score.points + excluded.points, "
            + "team_id = excluded.team_id, version = leaderboard_score.version + 1",
            scores.UpsertText);
    }

    [Fact]
    public void Each_provider_bumps_the_board_version_in_its_own_dialect_and_the_servers_lock_rows()
    {
        var tenant = Guid.NewGuid();
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgreSql = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        var merge = SqlDialect.Of(sqlServer).BumpBoardVersion(tenant, 1);
        var upsert = SqlDialect.Of(postgreSql).BumpBoardVersion(tenant, 1);

        Assert.StartsWith("MERGE leaderboard_version WITH (HOLDLOCK)", merge.Format, StringComparison.Ordinal);
        // PostgreSQL finds a bare column name ambiguous in ON CONFLICT DO UPDATE: the existing row is named by its table.
        Assert.Contains("ON CONFLICT (tenant_id) DO UPDATE SET version = leaderboard_version.version + 1, "
            + "people_version = leaderboard_version.people_version + {2}", upsert.Format, StringComparison.Ordinal);
        Assert.Equal(upsert.Format, SqlDialect.Of(sqlite).BumpBoardVersion(tenant, 1).Format);
        Assert.Equal([tenant, 1, 1], upsert.GetArguments());
        Assert.Equal((true, true, false), (SqlDialect.Of(sqlServer).LocksRows, SqlDialect.Of(postgreSql).LocksRows, SqlDialect.Of(sqlite).LocksRows));
        // Only PostgreSQL's statements are sent in batches (SqlClient's DbBatch is not exercised without a server).
        Assert.Equal((false, true, false), (SqlDialect.Of(sqlServer).BatchesCommands, SqlDialect.Of(postgreSql).BatchesCommands, SqlDialect.Of(sqlite).BatchesCommands));
    }
}
