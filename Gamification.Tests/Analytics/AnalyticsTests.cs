using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Analytics;

/// <summary>The supervisor dashboards' figures, from the daily aggregates the rollup keeps (issue 7).</summary>
public sealed class AnalyticsTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateOnly Monday = new(2026, 3, 2);

    private static AnalyticsRollup Rollup(PointsFixture f) => new(f, f.Clock, NullLogger<AnalyticsRollup>.Instance);

    private static AnalyticsService Service(PointsFixture f) => new(f.TenantScoped(), f.Clock);

    /// <summary>
    /// Monday: agent A makes two unrated calls (10 + 10), agent B converts a lead (50). Tuesday: A makes one call (10).
    /// Nothing else earns points (no badges or challenges in this tenant; 80 points is far from level 2).
    /// </summary>
    private static async Task<string> TwoDaysAsync(PointsFixture f)
    {
        var b = f.AddAgent("agent-b");
        await f.CallAsync();
        await f.CallAsync();
        await f.EventAsync(b, ActivityType.LeadConverted);
        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.CallAsync();
        return b;
    }

    [Fact]
    public async Task Engagement_per_day_from_a_small_known_history()
    {
        using var f = PointsFixture.InMemory();
        await TwoDaysAsync(f);
        await Rollup(f).RollUpTenantAsync(f.TenantId);

        var report = await Service(f).EngagementAsync(new AnalyticsFilter(Monday, Monday.AddDays(2)));

        Assert.Equal(2, report.People);
        Assert.Equal(
            [(Monday, 2, 70L, 35.0), (Monday.AddDays(1), 1, 10L, 10.0), (Monday.AddDays(2), 0, 0L, 0.0)],
            report.Days.Select(d => (d.Date, d.ActiveUsers, d.PointsAwarded, d.AveragePointsPerUser)));
        Assert.Equal(80, report.PointsAwarded);
        Assert.Equal(1.0, report.AverageDailyActiveUsers); // (2 + 1 + 0) / 3
        Assert.Equal(26.7, report.AveragePointsPerUserPerDay); // 80 points over 3 active person-days
        Assert.NotNull(report.UpdatedAt);
    }

    [Fact]
    public async Task Days_without_activity_still_count_the_challenges_open_on_them()
    {
        using var f = PointsFixture.InMemory();
        static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 20, start: Noon(Monday), end: Noon(Monday.AddDays(10)));
        f.AddChallenge(ChallengeType.Weekly, ObjectiveType.TotalCalls, 30, start: Noon(Monday.AddDays(-7)), end: Noon(Monday.AddDays(1)));
        await TwoDaysAsync(f);
        await Rollup(f).RollUpTenantAsync(f.TenantId); // Tuesday: builds Sunday to Tuesday
        f.Clock.Advance(TimeSpan.FromDays(3)); // Friday, no rollup since: Wednesday to Friday have no rows

        var report = await Service(f).EngagementAsync(new AnalyticsFilter(Monday.AddDays(-2), Monday.AddDays(4)));

        Assert.Equal([1, 1, 2, 2, 1, 1, 1], report.Days.Select(d => d.ActiveChallenges));
        Assert.Equal([0, 0, 2, 1, 0, 0, 0], report.Days.Select(d => d.ActiveUsers));
    }

    [Fact]
    public async Task The_team_filter_counts_only_the_teams_current_members()
    {
        using var f = PointsFixture.InMemory();
        var b = await TwoDaysAsync(f);
        var team = f.AddTeam("Closers", b);
        await Rollup(f).RollUpTenantAsync(f.TenantId);

        var report = await Service(f).EngagementAsync(new AnalyticsFilter(Monday, Monday.AddDays(1), team));

        Assert.Equal(1, report.People);
        Assert.Equal([(1, 50L), (0, 0L)], report.Days.Select(d => (d.ActiveUsers, d.PointsAwarded)));
        var behavior = await Service(f).BehaviorAsync(new AnalyticsFilter(Monday, Monday.AddDays(1), team));
        Assert.Equal([("Agent agent-b", 50L)], behavior.TopEarners.Select(e => (e.Label, e.Value)));
    }

    [Fact]
    public async Task Behaviour_figures_from_a_small_known_history()
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(BadgeRequirement.Manual, 0, reward: 0);
        f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 2, reward: 0);
        var reward = f.AddReward(cost: 15, name: "Coffee");
        var b = await TwoDaysAsync(f); // A completes Monday's daily challenge (2 calls); B takes no part (no calls)
        await f.BadgeAwards().AwardBadgeAsync(f.TenantId, badge, b, "Mentoring", "admin-1", None);
        await f.RewardService().RedeemAsync(f.AgentId, reward, 1);
        var rollup = Rollup(f);
        await rollup.RecordViewAsync(f.TenantId, f.AgentId);
        await rollup.RecordViewAsync(f.TenantId, f.AgentId);
        await rollup.RecordViewAsync(f.TenantId, b);
        await rollup.RollUpTenantAsync(f.TenantId);

        var report = await Service(f).BehaviorAsync(new AnalyticsFilter(Monday, Monday.AddDays(1)));

        Assert.Equal([("Agent agent-b", 50L), ("Agent agent-01", 30L)], report.TopEarners.Select(e => (e.Label, e.Value)));
        Assert.Equal([1L], report.MostEarnedBadges.Select(x => x.Value));
        Assert.Equal([("Coffee", 1L)], report.PopularRewards.Select(x => (x.Label, x.Value)));
        // The fixture's challenges are medium. A took part on Monday (completed, 2 calls) and Tuesday (1 call, not yet).
        var medium = report.ChallengeSuccess.Single(c => c.Difficulty == ChallengeDifficulty.Medium);
        Assert.Equal((2, 1, 0.5, 0.25), (medium.Participants, medium.Completed, medium.Rate, medium.Target));
        Assert.Equal(0, report.ChallengeSuccess.Single(c => c.Difficulty == ChallengeDifficulty.Easy).Participants);
        Assert.Equal((1, 0.5), (report.Redeemers, report.RedemptionRate));
        Assert.Equal([(1, 2)], report.Levels.Select(l => (l.Level, l.People)));
        // Tuesday: A's streak is 2 (Monday and Tuesday), B's is 1 (Monday, still alive); nobody else.
        Assert.Equal([0L, 2L, 0L, 0L, 0L, 0L], report.Streaks.Select(s => s.Value));
        Assert.Equal([0L, 3L], report.LeaderboardViewsPerDay.Select(v => v.Value));
        Assert.Equal(1.0, report.LeaderboardViewsPerActiveUserPerDay); // 3 views (all on Tuesday) over 3 active person-days
    }

    [Fact]
    public async Task Rolling_up_again_is_idempotent_and_a_late_event_updates_its_day()
    {
        using var f = PointsFixture.InMemory();
        await TwoDaysAsync(f);
        var rollup = Rollup(f);
        await rollup.RollUpTenantAsync(f.TenantId);
        await rollup.RollUpTenantAsync(f.TenantId);
        Assert.Equal(2, f.All<DailyUserStat>().Count(s => s.LocalDate == Monday));
        Assert.Equal(1, f.All<DailyTeamStat>().Count(s => s.LocalDate == Monday));

        // A late call for Monday (within the 48-hour window), recorded on Tuesday.
        await f.CallAsync(at: new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.Zero));
        await rollup.RollUpTenantAsync(f.TenantId);

        var monday = (await Service(f).EngagementAsync(new AnalyticsFilter(Monday, Monday))).Days.Single();
        Assert.Equal(80, monday.PointsAwarded);
        var a = f.All<DailyUserStat>().Single(s => s.LocalDate == Monday && s.UserId == f.AgentId);
        Assert.Equal((3, 3, 30L), (a.Events, a.Calls, a.ActivityPoints));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.Zero), a.LastEventAt);
    }

    [Fact]
    public async Task Another_tenants_figures_and_teams_stay_out()
    {
        using var f = PointsFixture.InMemory();
        await TwoDaysAsync(f);
        await Rollup(f).RollUpTenantAsync(f.TenantId);
        var other = Guid.NewGuid();
        long theirTeam;
        await using (var db = f.CreateContext())
        {
            db.Tenants.Add(new Core.Tenants.Tenant { Id = other, Name = "Other", TimeZoneId = "UTC", CreatedAt = PointsFixture.Start });
            var team = new Core.Tenants.Team { TenantId = other, Name = "Theirs", CreatedAt = PointsFixture.Start };
            db.Teams.Add(team);
            db.DailyTeamStats.Add(new DailyTeamStat { TenantId = other, LocalDate = Monday, TeamId = DailyTeamStat.Everyone, ActiveUsers = 500, ActivityPoints = 99_999 });
            await db.SaveChangesAsync();
            theirTeam = team.Id;
        }

        var report = await Service(f).EngagementAsync(new AnalyticsFilter(Monday, Monday));

        Assert.Equal((2, 70L), (report.Days.Single().ActiveUsers, report.Days.Single().PointsAwarded));
        var error = await Assert.ThrowsAsync<DomainException>(() => Service(f).EngagementAsync(new AnalyticsFilter(Monday, Monday, theirTeam)));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Bad_ranges_are_refused()
    {
        using var f = PointsFixture.InMemory();
        var service = Service(f);

        var backwards = await Assert.ThrowsAsync<DomainException>(() => service.EngagementAsync(new AnalyticsFilter(Monday, Monday.AddDays(-1))));
        Assert.True(backwards.Errors!.ContainsKey("to"));
        var tooLong = await Assert.ThrowsAsync<DomainException>(() => service.BehaviorAsync(new AnalyticsFilter(Monday, Monday.AddDays(AnalyticsService.MaxDays))));
        Assert.True(tooLong.Errors!.ContainsKey("from"));
    }

    [Fact]
    public async Task Days_with_activity_but_no_aggregate_are_built_on_the_next_run()
    {
        using var f = PointsFixture.InMemory();
        await TwoDaysAsync(f);
        // Five days later: Monday and Tuesday are no longer "recent", but have no aggregate yet.
        f.Clock.Advance(TimeSpan.FromDays(5));

        var built = await Rollup(f).RollUpTenantAsync(f.TenantId);

        Assert.Equal(AnalyticsRollup.RecentDays + 2, built);
        await using var db = f.CreateContext();
        Assert.Equal(70, await db.DailyTeamStats.IgnoreQueryFilters().Where(s => s.TenantId == f.TenantId && s.LocalDate == Monday).Select(s => s.ActivityPoints).SingleAsync());
    }
}
