using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Analytics;

/// <summary>
/// The supervisor dashboards' figures, from the daily aggregates the rollup keeps (issue 7). On a database file, as in
/// the app: the behaviour dashboard reads on two connections at once.
/// </summary>
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
    public void The_index_the_top_earners_read_on_SQLite_by_name_is_the_models()
    {
        using var f = PointsFixture.OnFile();
        using var db = f.CreateContext();

        var indexes = db.Model.FindEntityType(typeof(DailyUserStat))!.GetIndexes().Select(i => i.GetDatabaseName()).ToList();

        Assert.Contains(AnalyticsService.TopEarnersIndex, indexes);
    }

    [Fact]
    public async Task Top_earners_never_show_another_tenants_people()
    {
        // The whole-tenant top earners are read by hand-written SQL on SQLite (no query filter): it must filter itself.
        using var f = PointsFixture.OnFile();
        await TwoDaysAsync(f);
        await Rollup(f).RollUpTenantAsync(f.TenantId);
        var other = Guid.NewGuid();
        var now = f.Clock.GetUtcNow();
        using (var db = f.CreateContext())
        {
            db.Tenants.Add(new Tenant { Id = other, Name = "Other", TimeZoneId = "UTC", CreatedAt = now });
            var stranger = new ApplicationUser { Id = Guid.NewGuid().ToString(), TenantId = other, UserName = "stranger@other.test", DisplayName = "Stranger", ExternalId = "agent-01", CreatedAt = now };
            db.Users.Add(stranger);
            await db.SaveChangesAsync();
            db.DailyUserStats.Add(new DailyUserStat { TenantId = other, LocalDate = Monday, UserId = stranger.Id, Events = 99, ActivityPoints = 9_999 });
            await db.SaveChangesAsync();
        }

        var report = await Service(f).BehaviorAsync(new AnalyticsFilter(Monday, Monday.AddDays(1)));

        Assert.Equal(["Agent agent-b", "Agent agent-01"], report.TopEarners.Select(e => e.Label));
    }

    [Fact]
    public async Task Engagement_per_day_from_a_small_known_history()
    {
        using var f = PointsFixture.OnFile();
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
        using var f = PointsFixture.OnFile();
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
        using var f = PointsFixture.OnFile();
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
        using var f = PointsFixture.OnFile();
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

    /// <summary>
    /// Monday: A calls twice, B converts; A and B unlock badge 1. Tuesday: A calls; A unlocks badge 2 and C, who did not
    /// work that day, badge 3. Earlier, outside the range: a deactivated agent and a supervisor (no call-center id) got
    /// badge 1, and A the inactive badge 4. Badge 5 is held by nobody; another tenant's badge by its own agent.
    /// </summary>
    [Fact]
    public async Task Badge_unlocking_rate_is_unlocks_per_active_person_day_and_each_active_badges_share_of_the_people()
    {
        using var f = PointsFixture.OnFile();
        var (b, c, gone) = (f.AddAgent("agent-b"), f.AddAgent("agent-c"), f.AddAgent("agent-gone"));
        var badges = Enumerable.Range(1, 5).Select(i => f.AddBadge(BadgeRequirement.Manual, i, reward: 0, active: i != 4)).ToList();
        var supervisor = Guid.NewGuid().ToString();
        var otherTenant = Guid.NewGuid();
        await using (var db = f.CreateContext())
        {
            db.Users.Add(new ApplicationUser { Id = supervisor, TenantId = f.TenantId, UserName = "sup@test", DisplayName = "Sam", CreatedAt = PointsFixture.Start });
            db.Tenants.Add(new Tenant { Id = otherTenant, Name = "Other", TimeZoneId = "UTC", CreatedAt = PointsFixture.Start });
            var theirAgent = new ApplicationUser { Id = Guid.NewGuid().ToString(), TenantId = otherTenant, UserName = "x@other", DisplayName = "X", ExternalId = "x", CreatedAt = PointsFixture.Start };
            db.Users.Add(theirAgent);
            var theirBadge = new Badge { TenantId = otherTenant, Code = "theirs", Name = "Theirs", Icon = "star", IsActive = true, CreatedAt = PointsFixture.Start };
            db.Badges.Add(theirBadge);
            await db.SaveChangesAsync();
            var earlier = PointsFixture.Start.AddDays(-10);
            db.UserBadges.AddRange(
                new UserBadge { TenantId = f.TenantId, UserId = gone, BadgeId = badges[0], EarnedAt = earlier },
                new UserBadge { TenantId = f.TenantId, UserId = supervisor, BadgeId = badges[0], EarnedAt = earlier },
                new UserBadge { TenantId = f.TenantId, UserId = f.AgentId, BadgeId = badges[3], EarnedAt = earlier },
                new UserBadge { TenantId = otherTenant, UserId = theirAgent.Id, BadgeId = theirBadge.Id, EarnedAt = PointsFixture.Start });
            await db.Users.IgnoreQueryFilters().Where(u => u.Id == gone).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));
            await db.SaveChangesAsync();
        }
        var awards = f.BadgeAwards();
        await f.CallAsync();
        await f.CallAsync();
        await f.EventAsync(b, ActivityType.LeadConverted);
        await awards.AwardBadgeAsync(f.TenantId, badges[0], f.AgentId, "Great start", "admin-1", None);
        await awards.AwardBadgeAsync(f.TenantId, badges[0], b, "Great start", "admin-1", None);
        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.CallAsync();
        await awards.AwardBadgeAsync(f.TenantId, badges[1], f.AgentId, "Mentoring", "admin-1", None);
        await awards.AwardBadgeAsync(f.TenantId, badges[2], c, "Helped a colleague", "admin-1", None);
        var team = f.AddTeam("Closers", b, c);
        await Rollup(f).RollUpTenantAsync(f.TenantId);

        var report = await Service(f).BehaviorAsync(new AnalyticsFilter(Monday, Monday.AddDays(2)));

        // Monday: 2 unlocks by 2 active people; Tuesday: 2 unlocks (one by C, not active that day) by 1; Wednesday: quiet.
        Assert.Equal(
            [new BadgeUnlockDay(Monday, 2, 2, 1.0), new BadgeUnlockDay(Monday.AddDays(1), 1, 2, 2.0), new BadgeUnlockDay(Monday.AddDays(2), 0, 0, 0)],
            report.BadgeUnlocksPerDay);
        Assert.Equal(4, report.BadgeUnlocks);
        Assert.Equal(1.333, report.BadgeUnlocksPerActiveUserPerDay); // 4 unlocks over 3 active person-days
        // The people are the active agents A, B and C; badge 4 is inactive, the other tenant's is not ours.
        Assert.Equal(3, report.People);
        Assert.Equal(
            [(badges[0], "Manual 1", 2, 0.667), (badges[1], "Manual 2", 1, 0.333), (badges[2], "Manual 3", 1, 0.333), (badges[4], "Manual 5", 0, 0.0)],
            report.BadgeHolders.Select(h => (h.BadgeId, h.Name, h.Holders, h.Share)));

        var closers = await Service(f).BehaviorAsync(new AnalyticsFilter(Monday, Monday.AddDays(1), team));

        // B and C: Monday B unlocks and is active; Tuesday C unlocks without working: 2 unlocks over 1 active person-day.
        Assert.Equal([(1, 1, 1.0), (0, 1, 0.0)], closers.BadgeUnlocksPerDay.Select(d => (d.ActiveUsers, d.Unlocks, d.UnlocksPerActiveUser)));
        Assert.Equal((2, 2.0), (closers.BadgeUnlocks, closers.BadgeUnlocksPerActiveUserPerDay));
        Assert.Equal(
            [(badges[0], 1, 0.5), (badges[2], 1, 0.5), (badges[1], 0, 0.0), (badges[4], 0, 0.0)],
            closers.BadgeHolders.Select(h => (h.BadgeId, h.Holders, h.Share)));
    }

    [Fact]
    public async Task Without_active_people_the_unlocking_rate_and_the_shares_are_zero()
    {
        using var f = PointsFixture.OnFile();
        var badge = f.AddBadge(BadgeRequirement.Manual, 1, reward: 0);
        await using (var db = f.CreateContext())
        {
            await db.Users.IgnoreQueryFilters().Where(u => u.Id == f.AgentId).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));
        }

        var report = await Service(f).BehaviorAsync(new AnalyticsFilter(Monday, Monday));

        Assert.Equal((0, 0, 0.0), (report.People, report.BadgeUnlocks, report.BadgeUnlocksPerActiveUserPerDay));
        Assert.Equal([new BadgeUnlockDay(Monday, 0, 0, 0)], report.BadgeUnlocksPerDay);
        Assert.Equal([(badge, 0, 0.0)], report.BadgeHolders.Select(h => (h.BadgeId, h.Holders, h.Share)));
    }

    [Fact]
    public async Task Rolling_up_again_is_idempotent_and_a_late_event_updates_its_day()
    {
        using var f = PointsFixture.OnFile();
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
        using var f = PointsFixture.OnFile();
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
        using var f = PointsFixture.OnFile();
        var service = Service(f);

        var backwards = await Assert.ThrowsAsync<DomainException>(() => service.EngagementAsync(new AnalyticsFilter(Monday, Monday.AddDays(-1))));
        Assert.True(backwards.Errors!.ContainsKey("to"));
        var tooLong = await Assert.ThrowsAsync<DomainException>(() => service.BehaviorAsync(new AnalyticsFilter(Monday, Monday.AddDays(AnalyticsService.MaxDays))));
        Assert.True(tooLong.Errors!.ContainsKey("from"));
    }

    [Fact]
    public async Task Days_with_activity_but_no_aggregate_are_built_on_the_next_run()
    {
        using var f = PointsFixture.OnFile();
        await TwoDaysAsync(f);
        // Five days later: Monday and Tuesday are no longer "recent", but have no aggregate yet.
        f.Clock.Advance(TimeSpan.FromDays(5));

        var built = await Rollup(f).RollUpTenantAsync(f.TenantId);

        Assert.Equal(AnalyticsRollup.RecentDays + 2, built);
        await using var db = f.CreateContext();
        Assert.Equal(70, await db.DailyTeamStats.IgnoreQueryFilters().Where(s => s.TenantId == f.TenantId && s.LocalDate == Monday).Select(s => s.ActivityPoints).SingleAsync());
    }
}
