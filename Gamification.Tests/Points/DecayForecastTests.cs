namespace Gamification.Tests.Points;

/// <summary>
/// The decay warning (docs/rules.md): the next day decay will be applied, as the daily job applies it, and what it
/// takes at today's balance; shown once it is a week away or closer.
/// </summary>
public sealed class DecayForecastTests
{
    private static readonly GamificationConfig Rules = new() { PointsDecayPercent = 5, DecayPeriodDays = 30 };
    private static readonly DateOnly LastActive = new(2026, 11, 12);

    [Fact]
    public void After_24_idle_days_of_a_30_day_period_the_agent_is_told_the_day_and_the_amount()
    {
        var today = LastActive.AddDays(24);

        var forecast = PointsRules.NextDecay(LastActive, null, 1_690, today, Rules);

        Assert.Equal(new DecayForecast(new DateOnly(2026, 12, 12), 24, 30, 5, 84, Warn: true), forecast);
    }

    [Fact]
    public void A_decay_more_than_a_week_away_is_known_but_not_warned()
    {
        var forecast = PointsRules.NextDecay(LastActive, null, 1_000, LastActive.AddDays(22), Rules);

        Assert.Equal((LastActive.AddDays(30), false), (forecast!.Day, forecast.Warn));
        Assert.True(PointsRules.NextDecay(LastActive, null, 1_000, LastActive.AddDays(23), Rules)!.Warn);
    }

    [Fact]
    public void The_day_itself_before_the_job_runs_and_the_next_period_once_it_ran()
    {
        var dueDay = LastActive.AddDays(30);

        var before = PointsRules.NextDecay(LastActive, null, 1_000, dueDay, Rules);
        var after = PointsRules.NextDecay(LastActive, dueDay, 950, dueDay, Rules);
        var later = PointsRules.NextDecay(LastActive, dueDay, 950, dueDay.AddDays(3), Rules);

        Assert.Equal((dueDay, 50L, true), (before!.Day, before.Points, before.Warn));
        Assert.Equal((LastActive.AddDays(60), 60, 47L, false), (after!.Day, after.IdleDaysThen, after.Points, after.Warn));
        Assert.Equal(LastActive.AddDays(60), later!.Day);
    }

    [Theory]
    [InlineData(0, 30, 1_000)]
    [InlineData(5, 0, 1_000)]
    [InlineData(5, 30, 19)]
    public void No_forecast_when_decay_is_off_or_would_take_nothing(int percent, int period, long points)
    {
        var rules = new GamificationConfig { PointsDecayPercent = percent, DecayPeriodDays = period };

        Assert.Null(PointsRules.NextDecay(LastActive, null, points, LastActive.AddDays(25), rules));
    }

    [Fact]
    public void An_agent_never_active_has_no_forecast() =>
        Assert.Null(PointsRules.NextDecay(null, null, 500, LastActive, Rules));
}
