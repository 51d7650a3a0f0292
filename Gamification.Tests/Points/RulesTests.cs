namespace Gamification.Tests.Points;

public sealed class RulesTests
{
    private static readonly GamificationConfig Config = new();

    private static readonly List<PlayerLevel> Levels = Enumerable.Range(1, 10)
        .Select(n => new PlayerLevel { LevelNumber = n, PointsTotalRequired = (n - 1) * 1000L })
        .Reverse()
        .ToList();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(999, 1)]
    [InlineData(1000, 2)]
    [InlineData(8999, 9)]
    [InlineData(9000, 10)]
    [InlineData(1_000_000, 10)]
    public void Level_is_the_highest_threshold_reached(long lifetime, int level) =>
        Assert.Equal(level, LevelRules.LevelFor(lifetime, Levels));

    [Fact]
    public void Next_level_follows_the_current_one_and_ends_at_the_top()
    {
        Assert.Equal(2, LevelRules.NextLevel(1, Levels)?.LevelNumber);
        Assert.Null(LevelRules.NextLevel(10, Levels));
    }

    [Theory]
    [InlineData(1, 500)]
    [InlineData(2, 550)]
    [InlineData(10, 950)]
    public void Daily_cap_is_raised_by_50_per_level(int level, int cap) =>
        Assert.Equal(cap, LevelRules.DailyCap(Config, level));

    [Fact]
    public void Level_up_bonus_is_100_times_1_25_plus_25() =>
        Assert.Equal(150, LevelRules.LevelUpBonus(Config));

    [Theory]
    [InlineData(ActivityType.CallCompleted, null, 1, 10)]
    [InlineData(ActivityType.CallCompleted, 4, 1, 10)]
    [InlineData(ActivityType.CallCompleted, 5, 1, 30)]
    [InlineData(ActivityType.CallCompleted, 5, 2, 30)]
    [InlineData(ActivityType.CallCompleted, 5, 3, 40)]
    [InlineData(ActivityType.CallCompleted, null, 3, 15)]
    [InlineData(ActivityType.LeadConverted, null, 7, 75)]
    [InlineData(ActivityType.QualityReview, null, 3, 7)]     // floor(5 x 1.5)
    [InlineData(ActivityType.CustomerFeedback, null, 3, 4)]  // floor(3 x 1.5)
    public void Award_is_floor_of_base_times_multipliers_plus_bonus(ActivityType type, int? rating, int streak, long points)
    {
        var award = PointsRules.ComputeAward(Config, type, rating, streak, dailyCap: 500, dailyPointsSoFar: 0);

        Assert.Equal((points, points), (award.Uncapped, award.Awarded));
    }

    [Theory]
    [InlineData(480, 20, "Lead converted (cut to 20 by the daily cap)")]
    [InlineData(500, 0, "daily cap reached")]
    [InlineData(520, 0, "daily cap reached")]
    public void Daily_cap_cuts_the_award_but_keeps_the_uncapped_amount(long soFar, long awarded, string reason)
    {
        var award = PointsRules.ComputeAward(Config, ActivityType.LeadConverted, null, 1, 500, soFar);

        Assert.Equal((50L, awarded, reason, true), (award.Uncapped, award.Awarded, award.Reason, award.WasCapped));
    }

    [Fact]
    public void Streak_grows_once_per_day_and_restarts_after_a_gap()
    {
        var monday = new DateOnly(2026, 3, 2);

        var first = PointsRules.NextStreak(new StreakState(0, null), monday, Config);
        var sameDay = PointsRules.NextStreak(new StreakState(first.StreakDays, first.LastActiveDate), monday, Config);
        var nextDay = PointsRules.NextStreak(new StreakState(1, monday), monday.AddDays(1), Config);
        var afterGap = PointsRules.NextStreak(new StreakState(5, monday), monday.AddDays(2), Config);

        Assert.Equal(new StreakOutcome(1, monday, 1), first);
        Assert.Equal(new StreakOutcome(1, monday, 1), sameDay);
        Assert.Equal(new StreakOutcome(2, monday.AddDays(1), 2), nextDay);
        Assert.Equal(new StreakOutcome(1, monday.AddDays(2), 1), afterGap);
    }

    [Fact]
    public void Late_event_is_scored_with_the_streak_of_its_own_day_and_changes_nothing()
    {
        var wednesday = new DateOnly(2026, 3, 4);

        var late = PointsRules.NextStreak(new StreakState(4, wednesday), wednesday.AddDays(-1), Config);

        Assert.Equal(new StreakOutcome(4, wednesday, 3), late);
    }
}

public sealed class TenantClockTests
{
    private static readonly TenantClock NewYork = TenantClock.For("America/New_York");

    [Fact]
    public void Local_day_and_hour_follow_the_tenant_zone()
    {
        var instant = new DateTimeOffset(2026, 3, 3, 3, 30, 0, TimeSpan.Zero);

        Assert.Equal((new DateOnly(2026, 3, 2), 22), (NewYork.LocalDay(instant), NewYork.LocalHour(instant)));
        Assert.Equal((new DateOnly(2026, 3, 3), 3), (TenantClock.For("UTC").LocalDay(instant), TenantClock.For("UTC").LocalHour(instant)));
    }

    [Theory]
    [InlineData(2026, 3, 8, 23)]  // spring forward
    [InlineData(2026, 11, 1, 25)] // fall back
    [InlineData(2026, 6, 15, 24)]
    public void A_local_day_is_one_day_whatever_its_length(int year, int month, int day, int hours)
    {
        var date = new DateOnly(year, month, day);

        var start = NewYork.DayStartUtc(date);
        var end = NewYork.DayEndUtc(date);

        Assert.Equal(TimeSpan.FromHours(hours), end - start);
        Assert.Equal(date, NewYork.LocalDay(start));
        Assert.Equal(date, NewYork.LocalDay(end.AddTicks(-1)));
        Assert.Equal(date.AddDays(1), NewYork.LocalDay(end));
    }

    [Fact]
    public void A_day_whose_midnight_is_skipped_starts_at_the_first_instant_that_exists()
    {
        // Chile springs forward at midnight: Sunday 6 September 2026 starts at 01:00 local (-03), 04:00 UTC.
        var santiago = TenantClock.For("America/Santiago");
        var sunday = new DateOnly(2026, 9, 6);

        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), santiago.DayStartUtc(sunday));
        Assert.Equal(TimeSpan.FromHours(23), santiago.DayEndUtc(sunday) - santiago.DayStartUtc(sunday));
    }

    [Fact]
    public void A_day_whose_last_hour_repeats_lasts_25_hours()
    {
        // Chile falls back at midnight: Saturday 4 April 2026 runs until 00:00 local (-04) on Sunday, 04:00 UTC.
        var santiago = TenantClock.For("America/Santiago");
        var saturday = new DateOnly(2026, 4, 4);

        Assert.Equal(new DateTimeOffset(2026, 4, 5, 4, 0, 0, TimeSpan.Zero), santiago.DayEndUtc(saturday));
        Assert.Equal(TimeSpan.FromHours(25), santiago.DayEndUtc(saturday) - santiago.DayStartUtc(saturday));
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-02")] // Monday
    [InlineData("2026-03-08", "2026-03-02")] // Sunday
    [InlineData("2026-03-04", "2026-03-02")]
    public void Weeks_start_on_monday(string day, string monday) =>
        Assert.Equal(DateOnly.Parse(monday), TenantClock.WeekStart(DateOnly.Parse(day)));

    [Fact]
    public void Months_and_quarters_start_on_their_first_day()
    {
        Assert.Equal(new DateOnly(2026, 2, 1), TenantClock.MonthStart(new DateOnly(2026, 2, 28)));
        Assert.Equal(new DateOnly(2026, 4, 1), TenantClock.QuarterStart(new DateOnly(2026, 6, 30)));
        Assert.Equal(new DateOnly(2026, 10, 1), TenantClock.QuarterStart(new DateOnly(2026, 10, 1)));
    }
}
