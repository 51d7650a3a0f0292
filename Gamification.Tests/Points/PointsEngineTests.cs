namespace Gamification.Tests.Points;

public sealed class PointsEngineTests : IDisposable
{
    private readonly PointsFixture fx = PointsFixture.InMemory();

    public void Dispose() => fx.Dispose();

    [Fact]
    public async Task Completed_call_earns_10_points()
    {
        var result = await fx.CallAsync();

        Assert.Equal(ActivityStatus.Awarded, result.Status);
        Assert.Equal(10, result.PointsAwarded);
        Assert.Equal("Completed call", result.Award.Reason);
        var points = fx.Points();
        Assert.Equal((10, 10, 10, 1, 1, 1), (points.CurrentPoints, points.LifetimePoints, points.DailyPoints, points.TotalCalls, points.CallsToday, points.StreakDays));
    }

    [Fact]
    public async Task Perfect_call_earns_30_points_not_40()
    {
        var result = await fx.CallAsync(rating: 5);

        Assert.Equal(30, result.PointsAwarded);
        Assert.Equal(new ActivityAward(10, 2m, 1m, 10, 30, 30, "Perfect call (5★)"), result.Award);
        var points = fx.Points();
        Assert.Equal((30, 1, 1), (points.CurrentPoints, points.TotalCalls, points.PerfectCalls));
        var entry = Assert.Single(fx.Ledger());
        Assert.Equal((TransactionType.Activity, 10, 2m, 1m, 10, 30L, 30L), (entry.Type, entry.BasePoints, entry.Multiplier, entry.StreakMultiplier, entry.Bonus, entry.UncappedPoints, entry.Points));
    }

    [Fact]
    public async Task Each_event_type_earns_its_configured_base_points()
    {
        Assert.Equal(50, (await fx.RecordAsync(ActivityType.LeadConverted)).PointsAwarded);
        Assert.Equal(5, (await fx.RecordAsync(ActivityType.QualityReview)).PointsAwarded);
        Assert.Equal(3, (await fx.RecordAsync(ActivityType.CustomerFeedback)).PointsAwarded);

        var points = fx.Points();
        Assert.Equal((58L, 1, 1, 1, 0), (points.CurrentPoints, points.Conversions, points.QualityReviews, points.FeedbackCount, points.TotalCalls));
    }

    [Fact]
    public async Task Perfect_call_on_the_third_day_of_a_streak_earns_40_points()
    {
        Assert.Equal(10, (await fx.CallAsync()).PointsAwarded);
        fx.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(10, (await fx.CallAsync()).PointsAwarded);
        fx.Clock.Advance(TimeSpan.FromDays(1));

        var result = await fx.CallAsync(rating: 5);

        // floor(10 x 2 x 1.5) + 10 (RULES.md): the bonus is added after the multipliers.
        Assert.Equal(40, result.PointsAwarded);
        Assert.Equal(1.5m, result.Award.StreakMultiplier);
        Assert.Equal(3, result.StreakDays);
        Assert.Equal(15, (await fx.CallAsync()).PointsAwarded);
    }

    [Fact]
    public async Task Streak_of_3_days_is_celebrated_once()
    {
        for (var day = 0; day < 3; day++)
        {
            await fx.CallAsync();
            await fx.CallAsync();
            fx.Clock.Advance(TimeSpan.FromDays(1));
        }

        var milestone = Assert.Single(fx.All<AchievementEvent>());
        Assert.Equal(AchievementKind.StreakMilestone, milestone.Kind);
        Assert.Equal("3-day streak", milestone.Title);
        Assert.Equal((3, 3), (fx.Points().StreakDays, fx.Points().LongestStreak));
    }

    [Fact]
    public async Task A_streak_milestone_is_published_with_the_change_that_reaches_it_for_the_live_celebration()
    {
        var achievementsByDay = new List<IReadOnlyList<AchievementNotice>>();
        for (var day = 1; day <= 7; day++)
        {
            await fx.CallAsync();
            await fx.CallAsync();
            achievementsByDay.Add([.. fx.Notifications.Published[^2].Achievements ?? [], .. fx.Notifications.Published[^1].Achievements ?? []]);
            fx.Clock.Advance(TimeSpan.FromDays(1));
        }

        // Days 3 and 7 reach a milestone, on their first call only; the other days and calls carry none.
        var milestoneDays = achievementsByDay.Select((a, i) => (Day: i + 1, Count: a.Count(n => n.Kind == AchievementKind.StreakMilestone)))
            .Where(d => d.Count > 0).ToList();
        Assert.Equal([(3, 1), (7, 1)], milestoneDays);
        var milestone = new AchievementNotice(AchievementKind.StreakMilestone, "3-day streak!", "Active 3 days in a row. Keep it going!", 0, "fire")
        {
            Figures = new AchievementFigures(StreakDays: 3),
        };
        Assert.Equal(milestone, Assert.Single(achievementsByDay[2]));
        Assert.Equal("7-day streak!", Assert.Single(achievementsByDay[6]).Title);
    }

    [Fact]
    public async Task Two_events_on_one_day_grow_the_streak_once()
    {
        await fx.CallAsync();
        fx.Clock.Advance(TimeSpan.FromDays(1));
        await fx.CallAsync();
        fx.Clock.Advance(TimeSpan.FromHours(2));
        var second = await fx.CallAsync();

        Assert.Equal(2, second.StreakDays);
        Assert.Equal(10, second.PointsAwarded);
    }

    [Fact]
    public async Task Streak_starts_again_at_1_after_a_missed_day()
    {
        await fx.CallAsync();
        fx.Clock.Advance(TimeSpan.FromDays(1));
        await fx.CallAsync();
        fx.Clock.Advance(TimeSpan.FromDays(2));

        var result = await fx.CallAsync();

        Assert.Equal(1, result.StreakDays);
        Assert.Equal((1, 2), (fx.Points().StreakDays, fx.Points().LongestStreak));
    }

    [Fact]
    public async Task Award_that_crosses_the_daily_cap_is_cut_and_later_awards_record_0()
    {
        for (var i = 0; i < 9; i++)
        {
            await fx.ConversionAsync();
        }
        await fx.CallAsync(rating: 5); // 480

        var crossing = await fx.ConversionAsync();
        var past = await fx.CallAsync();

        Assert.Equal((ActivityStatus.Capped, 20L, 50L), (crossing.Status, crossing.PointsAwarded, crossing.Award.Uncapped));
        Assert.Contains("daily cap", crossing.Award.Reason, StringComparison.Ordinal);
        Assert.Equal((ActivityStatus.Capped, 0L, 10L, "daily cap reached"), (past.Status, past.PointsAwarded, past.Award.Uncapped, past.Award.Reason));
        Assert.Equal(500, past.DailyPoints);

        var last = fx.Ledger()[^1];
        Assert.Equal((0L, 10L, "daily cap reached"), (last.Points, last.UncappedPoints, last.Reason));
        var points = fx.Points();
        Assert.Equal((500L, 500, 2), (points.CurrentPoints, points.DailyPoints, points.TotalCalls));
    }

    [Fact]
    public async Task Daily_cap_starts_afresh_on_the_next_local_day()
    {
        for (var i = 0; i < 11; i++)
        {
            await fx.ConversionAsync();
        }
        Assert.Equal(500, fx.Points().DailyPoints);
        fx.Clock.Advance(TimeSpan.FromDays(1));

        var result = await fx.ConversionAsync();

        Assert.Equal((50L, 50), (result.PointsAwarded, result.DailyPoints));
        Assert.Equal((550L, 50, 0), (fx.Points().CurrentPoints, fx.Points().DailyPoints, fx.Points().CallsToday));
    }

    [Fact]
    public async Task Reaching_level_2_awards_150_points_and_raises_the_cap_by_50()
    {
        for (var i = 0; i < 10; i++)
        {
            await fx.ConversionAsync(); // 500, the cap
        }
        fx.Clock.Advance(TimeSpan.FromDays(1));
        ActivityResult result = null!;
        for (var i = 0; i < 10; i++)
        {
            result = await fx.ConversionAsync(); // the 10th reaches 1000 lifetime
        }

        Assert.Equal(2, result.LevelUp);
        Assert.Equal(1150, result.CurrentPoints);
        Assert.Equal(2, fx.Level());
        var bonus = fx.Ledger()[^1];
        Assert.Equal((TransactionType.LevelUp, 150L, TransactionSource.Level, "level-2"), (bonus.Type, bonus.Points, bonus.SourceType, bonus.SourceId));
        var achievement = Assert.Single(fx.All<AchievementEvent>(), a => a.Kind == AchievementKind.LevelUp);
        Assert.Contains("level 2", achievement.Title, StringComparison.Ordinal);

        // Level 2 caps the day at 550: one more conversion fits, the next does not.
        var fits = await fx.ConversionAsync();
        Assert.Equal((ActivityStatus.Awarded, 50L, 550), (fits.Status, fits.PointsAwarded, fits.DailyPoints));
        var over = await fx.ConversionAsync();
        Assert.Equal((ActivityStatus.Capped, 0L, 550), (over.Status, over.PointsAwarded, over.DailyPoints));
        Assert.Equal(1000 + 150 + 50, fx.Points().LifetimePoints);
    }

    [Fact]
    public async Task Level_up_bonus_that_crosses_the_next_threshold_levels_up_again()
    {
        fx.SetLevelThreshold(3, 1100);
        fx.SeedBalance(990);

        var result = await fx.CallAsync(rating: 5); // 1020: level 2 (+150 = 1170), which passes 1100: level 3 (+150)

        Assert.Equal(3, result.LevelUp);
        Assert.Equal(30, result.PointsAwarded);
        Assert.Equal(990 + 30 + 150 + 150, result.CurrentPoints);
        Assert.Equal(3, fx.Level());
        Assert.Equal(["level-2", "level-3"], fx.Ledger().Where(t => t.Type == TransactionType.LevelUp).Select(t => t.SourceId!));
        Assert.Equal(2, fx.All<AchievementEvent>().Count(a => a.Kind == AchievementKind.LevelUp));
        Assert.True((await fx.Engine.CheckLedgerAsync(fx.TenantId, default)).IsClean);
    }

    [Fact]
    public async Task Level_up_bonus_does_not_count_towards_the_daily_cap()
    {
        fx.SeedBalance(990);

        var result = await fx.CallAsync(); // 1000: level 2, +150

        Assert.Equal((2, 10), (result.LevelUp, result.DailyPoints));
        Assert.Equal(10, fx.Points().DailyPoints);
    }

    [Fact]
    public async Task Same_event_id_twice_awards_once_and_repeats_the_first_result()
    {
        var first = await fx.RecordAsync(ActivityType.CallCompleted, rating: 5, eventId: "call-42");
        fx.Clock.Advance(TimeSpan.FromHours(1));

        var second = await fx.RecordAsync(ActivityType.CallCompleted, rating: 1, eventId: "call-42");

        Assert.Equal(ActivityStatus.Duplicate, second.Status);
        Assert.Equal(first with { Status = ActivityStatus.Duplicate }, second);
        Assert.Single(fx.Ledger());
        Assert.Single(fx.All<ActivityEvent>());
        Assert.Equal((30L, 1, 1), (fx.Points().CurrentPoints, fx.Points().TotalCalls, fx.Points().PerfectCalls));
    }

    [Fact]
    public async Task Event_more_than_48_hours_old_is_refused_and_nothing_is_stored()
    {
        var error = await Assert.ThrowsAsync<ActivityRejectedException>(
            () => fx.CallAsync(at: fx.Clock.GetUtcNow() - TimeSpan.FromHours(48) - TimeSpan.FromSeconds(1)));

        Assert.Equal("occurred_at", error.Field);
        Assert.Contains("48 hours", error.Message, StringComparison.Ordinal);
        AssertNothingStored();
    }

    [Fact]
    public async Task Event_6_minutes_in_the_future_is_refused_and_nothing_is_stored()
    {
        var error = await Assert.ThrowsAsync<ActivityRejectedException>(
            () => fx.CallAsync(at: fx.Clock.GetUtcNow() + TimeSpan.FromMinutes(6)));

        Assert.Equal("occurred_at", error.Field);
        Assert.Contains("future", error.Message, StringComparison.Ordinal);
        AssertNothingStored();
    }

    [Fact]
    public async Task Events_just_inside_the_time_window_are_accepted()
    {
        Assert.Equal(10, (await fx.CallAsync(at: fx.Clock.GetUtcNow() - TimeSpan.FromHours(47))).PointsAwarded);
        Assert.Equal(10, (await fx.CallAsync(at: fx.Clock.GetUtcNow() + TimeSpan.FromMinutes(4))).PointsAwarded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task Rating_outside_1_to_5_is_refused(int rating)
    {
        var error = await Assert.ThrowsAsync<ActivityRejectedException>(() => fx.CallAsync(rating: rating));

        Assert.Equal("rating", error.Field);
        AssertNothingStored();
    }

    [Fact]
    public async Task Event_for_an_agent_of_another_tenant_is_refused_as_not_found()
    {
        using var other = PointsFixture.InMemory();

        var error = await Assert.ThrowsAsync<DomainException>(
            () => fx.RecordAsync(ActivityType.CallCompleted, userId: other.AgentId));

        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        AssertNothingStored();
    }

    [Fact]
    public async Task Late_event_counts_on_its_own_day_and_leaves_todays_counters_alone()
    {
        for (var i = 0; i < 10; i++)
        {
            await fx.ConversionAsync(); // Monday: 500, the cap
        }
        fx.Clock.Advance(TimeSpan.FromDays(1));
        await fx.CallAsync(); // Tuesday: 10

        var late = await fx.CallAsync(at: fx.Clock.GetUtcNow() - TimeSpan.FromDays(1)); // a Monday call, reported on Tuesday

        Assert.Equal((ActivityStatus.Capped, 0L, 500), (late.Status, late.PointsAwarded, late.DailyPoints));
        Assert.Equal(new DateOnly(2026, 3, 2), fx.Ledger()[^1].LocalDate);
        var points = fx.Points();
        Assert.Equal((10, 1, new DateOnly(2026, 3, 3), 2, 2), (points.DailyPoints, points.CallsToday, points.DailyDate!.Value, points.TotalCalls, points.StreakDays));
    }

    [Fact]
    public async Task Ledger_check_is_clean_after_many_awards()
    {
        var second = fx.AddAgent("agent-02");
        var random = new Random(7);
        var types = Enum.GetValues<ActivityType>();
        for (var day = 0; day < 6; day++)
        {
            for (var i = 0; i < 40; i++)
            {
                var type = types[random.Next(types.Length)];
                int? rating = type == ActivityType.CallCompleted ? random.Next(1, 6) : null;
                await fx.RecordAsync(type, rating, userId: i % 3 == 0 ? second : fx.AgentId);
                fx.Clock.Advance(TimeSpan.FromMinutes(15));
            }
            fx.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(15 * 40));
        }

        var check = await fx.Engine.CheckLedgerAsync(fx.TenantId, default);

        Assert.True(check.IsClean, string.Join("; ", check.Mismatches));
        Assert.Equal(2, check.UsersChecked);
        Assert.Equal(fx.Ledger().Count, check.TransactionsChecked);
        Assert.Equal(240, fx.Ledger().Count(t => t.Type == TransactionType.Activity));
        Assert.Contains(fx.Ledger(), t => t.Type == TransactionType.LevelUp);
        Assert.Contains(fx.Ledger(), t => t.Reason == "daily cap reached");
    }

    [Fact]
    public async Task Ledger_check_reports_a_balance_that_differs_from_the_ledger()
    {
        await fx.CallAsync();
        using (var db = fx.CreateContext())
        {
            var points = db.UserPoints.IgnoreQueryFilters().Single();
            points.CurrentPoints = 999;
            db.SaveChanges();
        }

        var check = await fx.Engine.CheckLedgerAsync(fx.TenantId, default);

        var mismatch = Assert.Single(check.Mismatches);
        Assert.Equal(new BalanceMismatch(fx.AgentId, 999, 10, 10, 10), mismatch);
    }

    private void AssertNothingStored()
    {
        Assert.Empty(fx.All<ActivityEvent>());
        Assert.Empty(fx.All<PointTransaction>());
        Assert.Empty(fx.All<UserPoints>());
        Assert.Empty(fx.All<AchievementEvent>());
    }
}
