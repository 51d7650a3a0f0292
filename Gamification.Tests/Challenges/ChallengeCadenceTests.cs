namespace Gamification.Tests.Challenges;

/// <summary>
/// The tenant's Daily / Weekly / Monthly challenge switches (docs/rules.md, Challenge cadence switches): off lets the
/// open window run to its end and opens no new one; on resumes from the current window; seasonal and special
/// challenges have no switch. The fixture starts on Monday 2 March 2026.
/// </summary>
public sealed class ChallengeCadenceTests
{
    private static int Rewards(PointsFixture f, long challengeId) =>
        f.Ledger().Count(t => t.Type == TransactionType.ChallengeReward && t.SourceId!.StartsWith($"challenge-{challengeId}-", StringComparison.Ordinal));

    [Fact]
    public async Task Weekly_switched_off_lets_this_week_finish_and_opens_no_later_week()
    {
        using var f = PointsFixture.InMemory();
        var weekly = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 2, reward: 40);
        await f.CallAsync();
        Assert.False((await f.ChallengeService().GetAsync(weekly)).LastWindow);

        f.SwitchChallenges(daily: true, weekly: false, monthly: true);
        var lastWeek = await f.ChallengeService().GetAsync(weekly);
        Assert.Equal((ChallengeStatus.Active, true), (lastWeek.Status, lastWeek.LastWindow));

        // This week's window still counts: progress earned is kept and it completes.
        await f.CallAsync();
        Assert.Equal(1, Rewards(f, weekly));
        Assert.Contains(await f.ChallengeService().ActiveForUserAsync(f.AgentId), v => v.ChallengeId == weekly);

        // Next Monday no window opens: the challenge is hidden from agents, counts nothing and shows as paused.
        f.Clock.Advance(TimeSpan.FromDays(7));
        await f.CallAsync();
        await f.CallAsync();
        Assert.Equal(1, Rewards(f, weekly));
        Assert.DoesNotContain(await f.ChallengeService().ActiveForUserAsync(f.AgentId), v => v.ChallengeId == weekly);
        var admin = await f.ChallengeService().GetAsync(weekly);
        Assert.Equal(ChallengeStatus.Paused, admin.Status);
        Assert.False(admin.LastWindow);
        Assert.Null(admin.CurrentWindowStart);
        Assert.Single(f.All<UserChallenge>());
    }

    [Fact]
    public async Task Daily_switched_off_counts_today_and_stops_tomorrow_and_switched_on_resumes_from_the_current_day()
    {
        using var f = PointsFixture.InMemory();
        var daily = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 1, reward: 15);

        f.SwitchChallenges(daily: false, weekly: true, monthly: true);
        await f.CallAsync();
        Assert.Equal(1, Rewards(f, daily));

        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.CallAsync();
        Assert.Equal(1, Rewards(f, daily));

        f.SwitchChallenges(daily: true, weekly: true, monthly: true);
        await f.CallAsync();
        Assert.Equal(2, Rewards(f, daily));
        var resumed = await f.ChallengeService().GetAsync(daily);
        Assert.Equal((ChallengeStatus.Active, false), (resumed.Status, resumed.LastWindow));
    }

    [Fact]
    public async Task A_cadence_off_from_the_tenants_start_opens_no_window()
    {
        using var f = PointsFixture.InMemory(configure: c => TenantPresets.Apply(c, GamificationPreset.Light));
        var daily = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 1);
        var monthly = f.AddChallenge(ChallengeType.Monthly, ObjectiveType.TotalCalls, 1);
        var weekly = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 1);

        await f.CallAsync();

        Assert.Equal((0, 0, 1), (Rewards(f, daily), Rewards(f, monthly), Rewards(f, weekly)));
        Assert.Equal([weekly], (await f.ChallengeService().ActiveForUserAsync(f.AgentId)).Select(v => v.ChallengeId));
    }

    [Fact]
    public async Task Seasonal_and_special_challenges_have_no_switch()
    {
        using var f = PointsFixture.InMemory();
        var seasonal = f.AddChallenge(ChallengeType.Seasonal, ObjectiveType.TotalCalls, 1);
        var special = f.AddChallenge(ChallengeType.Special, ObjectiveType.TotalCalls, 1,
            start: PointsFixture.Start.AddDays(-1), end: PointsFixture.Start.AddDays(30));
        f.SwitchChallenges(daily: false, weekly: false, monthly: false);
        f.Clock.Advance(TimeSpan.FromDays(8));

        await f.CallAsync();

        Assert.Equal((1, 1), (Rewards(f, seasonal), Rewards(f, special)));
    }

    [Theory]
    [InlineData(GamificationPreset.Aggressive, true, true, false)]
    [InlineData(GamificationPreset.Moderate, true, true, true)]
    [InlineData(GamificationPreset.Light, false, true, false)]
    public void Presets_set_the_switches_as_the_guide_lists(GamificationPreset preset, bool daily, bool weekly, bool monthly)
    {
        var config = TenantPresets.Create(Guid.NewGuid(), GamificationPreset.Moderate, PointsFixture.Start);
        var today = new DateOnly(2026, 3, 4);

        TenantPresets.Apply(config, preset, today);

        Assert.Equal((daily, weekly, monthly), (config.DailyChallenges, config.WeeklyChallenges, config.MonthlyChallenges));
        // Switched off mid-window: the day's, week's or month's open window runs to its end.
        Assert.Equal(daily ? null : new DateOnly(2026, 3, 5), config.DailyChallengesOffFrom);
        Assert.Equal(monthly ? null : new DateOnly(2026, 4, 1), config.MonthlyChallengesOffFrom);
        Assert.Null(config.WeeklyChallengesOffFrom);
    }
}
