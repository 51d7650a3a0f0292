namespace Gamification.Tests.Support;

public sealed class ShiftedClockTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void Early_morning_in_new_york_moves_forward_to_noon_the_same_day()
    {
        var now = new DateTimeOffset(2026, 12, 3, 7, 30, 0, TimeSpan.Zero); // 02:30 EST

        var clock = ShiftedClock.ToNextLocalHour(NewYork, 12, now);

        Assert.Equal(TimeSpan.FromHours(9.5), clock.Offset);
    }

    [Fact]
    public void Late_evening_in_new_york_moves_forward_to_noon_the_next_day()
    {
        var now = new DateTimeOffset(2026, 7, 1, 3, 59, 0, TimeSpan.Zero); // 23:59 EDT on June 30

        var clock = ShiftedClock.ToNextLocalHour(NewYork, 12, now);

        Assert.Equal(new TimeSpan(12, 1, 0), clock.Offset); // to 12:00 EDT on July 1, 16:00 UTC
    }

    [Fact]
    public void Noon_exactly_moves_a_whole_day_and_a_minute_before_moves_a_minute()
    {
        var noon = new DateTimeOffset(2026, 12, 3, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromDays(1), ShiftedClock.ToNextLocalHour(NewYork, 12, noon).Offset);
        Assert.Equal(TimeSpan.FromMinutes(1), ShiftedClock.ToNextLocalHour(NewYork, 12, noon.AddMinutes(-1)).Offset);
    }

    [Fact]
    public void The_hour_skipped_in_spring_becomes_the_next_one_that_exists()
    {
        var now = new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero); // 00:00 EST on the Sunday the clocks go forward

        var clock = ShiftedClock.ToNextLocalHour(NewYork, 2, now);

        Assert.Equal(TimeSpan.FromHours(2), clock.Offset); // 03:00 EDT is 07:00 UTC
    }

    [Fact]
    public void The_clock_runs_at_real_speed_ahead_of_the_system_by_its_offset()
    {
        var clock = new ShiftedClock(TimeSpan.FromHours(5));

        var before = TimeProvider.System.GetUtcNow();
        var shifted = clock.GetUtcNow();
        var after = TimeProvider.System.GetUtcNow();

        Assert.InRange(shifted, before.AddHours(5), after.AddHours(5));
        Assert.Equal(TimeProvider.System.TimestampFrequency, clock.TimestampFrequency);
    }

    [Fact]
    public void A_clock_behind_the_real_time_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedClock(TimeSpan.FromSeconds(-1)));
        Assert.Equal(TimeSpan.Zero, new ShiftedClock(TimeSpan.Zero).Offset);
    }

    [Fact]
    public void The_shared_test_clock_reads_early_afternoon_in_new_york()
    {
        var local = TimeZoneInfo.ConvertTime(TestClock.Now, NewYork);

        // Noon when the run started; a whole test run takes minutes, far from the 20:00 of the night badge.
        Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(TestClock.DefaultLocalHour), TimeSpan.FromHours(TestClock.DefaultLocalHour + 2));
    }
}
