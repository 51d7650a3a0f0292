namespace Gamification.Tests.Points;

/// <summary>
/// The retry path, made deterministic: just before the engine writes the balances, a "second writer" changes the
/// row under it, inside the same transaction (so the change is rolled back with the failed attempt). On SQLite and on
/// PostgreSQL, whose errors differ (and where a failed statement ends the transaction).
/// </summary>
public sealed class RetryTests
{
    [Theory, EachDatabase]
    public async Task Balance_row_changed_by_another_writer_is_retried_on_a_fresh_context_and_awards_once(TestDatabase database)
    {
        using var fx = PointsFixture.Shared(database);
        await fx.CallAsync();
        var otherWriter = new OnFirstWrite((db, ct) => db.Database.ExecuteSqlRawAsync("UPDATE user_points SET version = version + 1", ct));
        fx.Engine.BeforeWrite = otherWriter.RunAsync;

        var result = await fx.CallAsync(rating: 5);

        Assert.Equal(2, otherWriter.Writes); // the stale attempt and the retry
        Assert.Equal((ActivityStatus.Awarded, 30L, 40L), (result.Status, result.PointsAwarded, result.CurrentPoints));
        Assert.Equal(2, fx.Ledger().Count);
        Assert.Equal((40L, 2), (fx.Points().CurrentPoints, fx.Points().TotalCalls));
        Assert.True((await fx.Engine.CheckLedgerAsync(fx.TenantId, default)).IsClean);
    }

    [Theory, EachDatabase]
    public async Task A_batch_for_two_agents_whose_balance_rows_another_writer_changed_is_retried_and_awards_once_each(TestDatabase database)
    {
        // Two balance rows in one unit: on PostgreSQL their UPDATEs go in one batch, each checked against its version.
        using var fx = PointsFixture.Shared(database);
        var second = fx.AddAgent("agent-02");
        await fx.CallsAsync((fx.AgentId, 1), (second, 1));
        var otherWriter = new OnFirstWrite((db, ct) => db.Database.ExecuteSqlRawAsync("UPDATE user_points SET version = version + 1", ct));
        fx.Engine.BeforeWrite = otherWriter.RunAsync;

        var outcomes = await fx.Engine.RecordBatchAsync(fx.TenantId,
            [
                new ActivityInput("batch-1", ActivityType.CallCompleted, fx.AgentId, fx.Clock.GetUtcNow(), 5),
                new ActivityInput("batch-2", ActivityType.CallCompleted, second, fx.Clock.GetUtcNow(), 5),
            ],
            default);

        Assert.Equal(2, otherWriter.Writes);
        Assert.Equal([(ActivityStatus.Awarded, 30L), (ActivityStatus.Awarded, 30L)], outcomes.Select(o => (o.Result!.Status, o.Result.PointsAwarded)));
        Assert.Equal(4, fx.Ledger().Count);
        Assert.Equal((40L, 2), (fx.Points().CurrentPoints, fx.Points().TotalCalls));
        Assert.Equal((40L, 2), (fx.Points(second).CurrentPoints, fx.Points(second).TotalCalls));
        Assert.True((await fx.Engine.CheckLedgerAsync(fx.TenantId, default)).IsClean);
    }

    [Theory, EachDatabase]
    public async Task First_event_of_an_agent_whose_balance_row_another_writer_inserted_is_retried_and_awards_once(TestDatabase database)
    {
        using var fx = PointsFixture.Shared(database);
        // updated_at as each provider stores a time: SQLite as an integer, PostgreSQL as a timestamp (in UTC).
        object updatedAt = database == TestDatabase.Sqlite ? 0L : fx.Clock.GetUtcNow();
        var otherWriter = new OnFirstWrite((db, ct) => db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO user_points (tenant_id, user_id, current_points, lifetime_points, daily_points, streak_days,
                longest_streak, total_calls, conversions, perfect_calls, quality_reviews, feedback_count,
                challenges_completed, calls_today, version, updated_at)
            VALUES ({0}, {1}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, {2})
            """,
            [fx.TenantId, fx.AgentId, updatedAt], ct));
        fx.Engine.BeforeWrite = otherWriter.RunAsync;

        var result = await fx.CallAsync();

        Assert.Equal(2, otherWriter.Writes);
        Assert.Equal((ActivityStatus.Awarded, 10L), (result.Status, result.PointsAwarded));
        Assert.Single(fx.Ledger());
        Assert.Equal(10, fx.Points().CurrentPoints);
    }

    private sealed class OnFirstWrite(Func<GamificationDbContext, CancellationToken, Task> otherWriter)
    {
        public int Writes { get; private set; }

        public async Task RunAsync(GamificationDbContext db, CancellationToken ct)
        {
            if (++Writes == 1)
            {
                await otherWriter(db, ct);
            }
        }
    }
}
