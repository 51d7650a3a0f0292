namespace Gamification.Tests.Points;

public sealed class StreakAndTimeZoneTests
{
    [Theory]
    [InlineData("America/New_York", 2, 10)] // 22:00 on Monday and 01:00 on Tuesday, local: two days
    [InlineData("UTC", 1, 20)]              // 03:00 and 06:00 on Tuesday: one day
    public async Task Tenant_local_day_decides_which_day_an_event_counts_on(string zone, int streak, int dailyPoints)
    {
        using var fx = PointsFixture.InMemory(zone);
        fx.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 7, 0, 0, TimeSpan.Zero));

        await fx.CallAsync(at: new DateTimeOffset(2026, 3, 3, 3, 0, 0, TimeSpan.Zero));
        var second = await fx.CallAsync(at: new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero));

        Assert.Equal((streak, dailyPoints), (second.StreakDays, second.DailyPoints));
        var expectedDays = zone == "UTC"
            ? new[] { new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 3) }
            : [new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3)];
        Assert.Equal(expectedDays, fx.Ledger().Select(t => t.LocalDate));
    }

    [Fact]
    public async Task Daily_cap_resets_at_local_midnight_not_utc_midnight()
    {
        using var fx = PointsFixture.InMemory("America/New_York");
        // 23:30 EST on Monday 2 March is 04:30 UTC on Tuesday.
        var lateMonday = new DateTimeOffset(2026, 3, 3, 4, 30, 0, TimeSpan.Zero);
        fx.Clock.SetUtcNow(lateMonday);
        for (var i = 0; i < 10; i++)
        {
            await fx.ConversionAsync();
        }

        fx.Clock.Advance(TimeSpan.FromMinutes(45));

        var capped = await fx.CallAsync(at: lateMonday.AddMinutes(20));    // 23:50 EST Monday
        var nextDay = await fx.CallAsync(at: lateMonday.AddMinutes(40));   // 00:10 EST Tuesday

        Assert.Equal(0, capped.PointsAwarded);
        Assert.Equal((10L, 10), (nextDay.PointsAwarded, nextDay.DailyPoints));
    }

    [Theory]
    [InlineData(true, 2, 3, 15)]  // Saturday is a day off: it neither extends nor breaks; Monday continues Friday
    [InlineData(false, 3, 1, 10)] // every day counts: Sunday was missed, Monday starts again
    public async Task Days_off_neither_extend_nor_break_a_streak_when_the_tenant_skips_them(
        bool skipDaysOff, int streakOnSaturday, int streakOnMonday, int mondayCallPoints)
    {
        using var fx = PointsFixture.InMemory(configure: c => c.StreakSkipsDaysOff = skipDaysOff);
        var thursday = new DateTimeOffset(2026, 3, 5, 14, 0, 0, TimeSpan.Zero);

        fx.Clock.SetUtcNow(thursday);
        await fx.CallAsync();
        fx.Clock.SetUtcNow(thursday.AddDays(1));
        await fx.CallAsync();
        fx.Clock.SetUtcNow(thursday.AddDays(2));
        var saturday = await fx.CallAsync();
        fx.Clock.SetUtcNow(thursday.AddDays(4));
        var monday = await fx.CallAsync();

        Assert.Equal(streakOnSaturday, saturday.StreakDays);
        Assert.Equal(streakOnMonday, monday.StreakDays);
        Assert.Equal(mondayCallPoints, monday.PointsAwarded);
    }

    [Fact]
    public async Task A_missed_working_day_still_breaks_a_streak_that_skips_days_off()
    {
        using var fx = PointsFixture.InMemory(configure: c => c.StreakSkipsDaysOff = true);
        var thursday = new DateTimeOffset(2026, 3, 5, 14, 0, 0, TimeSpan.Zero);

        fx.Clock.SetUtcNow(thursday);
        await fx.CallAsync();
        fx.Clock.SetUtcNow(thursday.AddDays(4)); // Friday missed
        var monday = await fx.CallAsync();

        Assert.Equal(1, monday.StreakDays);
    }
}
