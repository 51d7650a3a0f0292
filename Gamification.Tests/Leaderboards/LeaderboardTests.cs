namespace Gamification.Tests.Leaderboards;

/// <summary>Live leaderboards kept by the engine, competition ranking, periods, teams and snapshots (RULES.md, Leaderboards).</summary>
public sealed class LeaderboardTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Task<LeaderboardPage> WeeklyAsync(PointsFixture f, string caller, int? limit = null, int offset = 0, bool teams = false, long? teamId = null) =>
        f.LeaderboardService().GetAsync(caller, new LeaderboardQuery(LeaderboardPeriod.Weekly, limit, offset, teamId, teams));

    [Fact]
    public async Task Ties_share_a_rank_and_are_listed_by_name()
    {
        using var f = PointsFixture.InMemory();
        var (b, c, d) = (f.AddAgent("agent-b"), f.AddAgent("agent-c"), f.AddAgent("agent-d"));
        await f.AwardAsync(f.AgentId, 300);
        await f.AwardAsync(c, 200);
        await f.AwardAsync(b, 200);
        await f.AwardAsync(d, 100);

        var page = await WeeklyAsync(f, d);

        Assert.Equal([1, 2, 2, 4], page.Entries.Select(e => e.Rank));
        Assert.Equal(["Agent agent-01", "Agent agent-b", "Agent agent-c", "Agent agent-d"], page.Entries.Select(e => e.DisplayName));
        Assert.Equal(4, page.TotalCount);
        Assert.Equal(100, page.Limit);
        var mine = Assert.IsType<LeaderboardEntryView>(page.UserRank);
        Assert.Equal((4, 100L, true), (mine.Rank, mine.Points, mine.IsCaller));
    }

    [Fact]
    public async Task The_callers_row_comes_with_a_page_it_is_not_on()
    {
        using var f = PointsFixture.InMemory();
        var others = Enumerable.Range(1, 5).Select(i => f.AddAgent($"agent-x{i}")).ToList();
        for (var i = 0; i < others.Count; i++)
        {
            await f.AwardAsync(others[i], 100 + (i * 10));
        }
        await f.AwardAsync(f.AgentId, 50);

        var page = await WeeklyAsync(f, f.AgentId, limit: 2, offset: 1);

        Assert.Equal([2, 3], page.Entries.Select(e => e.Rank));
        Assert.Equal([130L, 120L], page.Entries.Select(e => e.Points));
        Assert.Equal(6, page.UserRank!.Rank);
        Assert.DoesNotContain(page.Entries, e => e.IsCaller);
        var around = await f.LeaderboardService().AroundAsync(others[2], LeaderboardPeriod.Weekly);
        Assert.Equal([2, 3, 4], around.Select(e => e.Rank));
        Assert.True(around[1].IsCaller);
    }

    [Theory]
    [InlineData(LeaderboardPeriod.Monthly)]
    [InlineData(LeaderboardPeriod.AllTime)]
    public async Task Monthly_and_all_time_boards_list_every_active_agent_those_without_points_last_and_tied(LeaderboardPeriod period)
    {
        using var f = PointsFixture.InMemory();
        var zed = f.AddAgent("zed");
        var amy = f.AddAgent("amy");
        var gone = f.AddAgent("gone");
        var admin = f.AddAgent("admin");
        using (var db = f.CreateContext())
        {
            var users = await db.Users.IgnoreQueryFilters().Where(u => u.Id == gone || u.Id == admin).ToListAsync();
            users.Single(u => u.Id == gone).IsActive = false;
            users.Single(u => u.Id == admin).ExternalId = null; // not an agent: admins and supervisors are not ranked
            await db.SaveChangesAsync();
        }
        f.AddTeam("Quiet team", zed, amy);
        await f.AwardAsync(f.AgentId, 100);

        var page = await f.LeaderboardService().GetAsync(zed, new LeaderboardQuery(period, null, 0, null, false));

        Assert.Equal([("Agent agent-01", 1, 100L), ("Agent amy", 2, 0L), ("Agent zed", 2, 0L)],
            page.Entries.Select(e => (e.DisplayName, e.Rank, e.Points)));
        Assert.Equal(3, page.TotalCount);
        Assert.Equal((2, 0L, true), (page.UserRank!.Rank, page.UserRank.Points, page.UserRank.IsCaller));
        var teams = await f.LeaderboardService().GetAsync(zed, new LeaderboardQuery(period, null, 0, null, true));
        Assert.Equal([("Quiet team", 1, 0L)], teams.Entries.Select(e => (e.DisplayName, e.Rank, e.Points)));

        // Daily and weekly boards list only people with points in the period.
        foreach (var shorter in new[] { LeaderboardPeriod.Daily, LeaderboardPeriod.Weekly })
        {
            var board = await f.LeaderboardService().GetAsync(zed, new LeaderboardQuery(shorter, null, 0, null, false));
            Assert.Equal(["Agent agent-01"], board.Entries.Select(e => e.DisplayName));
            Assert.Null(board.UserRank);
        }
    }

    [Theory]
    [InlineData("daily", LeaderboardPeriod.Daily)]
    [InlineData("weekly", LeaderboardPeriod.Weekly)]
    [InlineData("monthly", LeaderboardPeriod.Monthly)]
    public async Task The_dashboards_rank_follows_the_tenants_reset_period(string resetPeriod, LeaderboardPeriod expected)
    {
        using var f = PointsFixture.InMemory(configure: c => c.LeaderboardResetPeriod = resetPeriod);
        var other = f.AddAgent("agent-x1");
        // Last Monday the other agent earned more; today (a week later, the same month) the fixture's agent leads the
        // day and the week, not the month.
        await f.AwardAsync(other, 500);
        f.Clock.Advance(TimeSpan.FromDays(7));
        await f.AwardAsync(f.AgentId, 100);

        var (period, around) = await f.LeaderboardService().AroundOnMainBoardAsync(f.AgentId);

        Assert.Equal(expected, period);
        var me = Assert.Single(around, e => e.IsCaller);
        Assert.Equal(expected == LeaderboardPeriod.Monthly ? 2 : 1, me.Rank);
    }

    [Fact]
    public async Task An_award_shows_in_the_next_read_and_revocation_lowers_it_but_decay_does_not()
    {
        using var f = PointsFixture.InMemory(configure: c => { c.DecayPeriodDays = 1; c.PointsDecayPercent = 50; });
        await f.CallAsync();
        Assert.Equal(10, (await WeeklyAsync(f, f.AgentId)).UserRank!.Points);

        await f.Engine.RevokeAsync(f.TenantId, f.AgentId, 4, "Duplicate call", null, None);
        Assert.Equal(6, (await WeeklyAsync(f, f.AgentId)).UserRank!.Points);

        f.Clock.Advance(TimeSpan.FromDays(2));
        var decay = await f.Engine.DecayAsync(f.TenantId, None);
        Assert.True(decay.PointsRemoved > 0);
        Assert.Equal(6, (await WeeklyAsync(f, f.AgentId)).UserRank!.Points);
        var allTime = await f.LeaderboardService().GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.AllTime));
        Assert.Equal(f.Points().LifetimePoints, allTime.UserRank!.Points);
    }

    [Fact]
    public async Task Periods_follow_the_tenant_zone()
    {
        // Berlin is UTC+1 in March 2026: Sunday 8 March 23:30 local is 22:30 UTC; Monday 00:30 local is 23:30 UTC.
        using var f = PointsFixture.InMemory("Europe/Berlin");
        f.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 8, 22, 30, 0, TimeSpan.Zero));
        await f.CallAsync();
        f.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 8, 23, 30, 0, TimeSpan.Zero));
        await f.CallAsync();

        var service = f.LeaderboardService();
        var weekly = await service.GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Weekly));
        var daily = await service.GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Daily));
        var monthly = await service.GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Monthly));
        Assert.Equal((new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 15)), (weekly.PeriodStart!.Value, weekly.PeriodEnd!.Value));
        Assert.Equal(10, weekly.UserRank!.Points);
        Assert.Equal(10, daily.UserRank!.Points);
        Assert.Equal(20, monthly.UserRank!.Points);
    }

    [Fact]
    public async Task A_teams_score_is_the_sum_of_its_members()
    {
        using var f = PointsFixture.InMemory();
        var b = f.AddAgent("agent-b");
        var c = f.AddAgent("agent-c");
        var alpha = f.AddTeam("Alpha", f.AgentId, b);
        var beta = f.AddTeam("Beta", c);
        await f.AwardAsync(f.AgentId, 100);
        await f.AwardAsync(b, 50);
        await f.AwardAsync(c, 120);

        var page = await WeeklyAsync(f, b, teams: true);
        Assert.Equal([(1, "Alpha", 150L), (2, "Beta", 120L)], page.Entries.Select(e => (e.Rank, e.DisplayName, e.Points)));
        Assert.True(page.Entries[0].IsCaller);
        Assert.Equal(alpha, page.UserRank!.TeamId);

        var members = await WeeklyAsync(f, b, teamId: beta);
        Assert.Equal([c], members.Entries.Select(e => e.UserId));
        Assert.Null(members.UserRank);
    }

    [Fact]
    public async Task Snapshots_give_previous_rank_and_points_change_and_are_idempotent_within_their_cadence()
    {
        using var f = PointsFixture.InMemory();
        var b = f.AddAgent("agent-b");
        var service = f.LeaderboardService();
        await f.AwardAsync(f.AgentId, 100);
        await f.AwardAsync(b, 50);
        var first = await service.SnapshotAsync(f.TenantId, [LeaderboardPeriod.Weekly], TimeSpan.FromHours(6));
        Assert.Equal(2, Assert.Single(first).Users);
        var again = await service.SnapshotAsync(f.TenantId, [LeaderboardPeriod.Weekly], TimeSpan.FromHours(6));
        Assert.True(Assert.Single(again).Skipped);
        Assert.Equal(2, f.All<LeaderboardSnapshot>().Count);

        // A day later agent-b overtakes.
        f.Clock.Advance(TimeSpan.FromHours(25));
        await f.AwardAsync(b, 100);
        var page = await WeeklyAsync(f, b);
        var bRow = Assert.Single(page.Entries, e => e.UserId == b);
        Assert.Equal((1, 2, 100L), (bRow.Rank, bRow.PreviousRank!.Value, bRow.PointsChange));
        var aRow = Assert.Single(page.Entries, e => e.UserId == f.AgentId);
        Assert.Equal((2, 1, 0L), (aRow.Rank, aRow.PreviousRank!.Value, aRow.PointsChange));

        await service.SnapshotAsync(f.TenantId, [LeaderboardPeriod.Weekly], TimeSpan.FromHours(6));
        var stored = f.All<LeaderboardSnapshot>().Where(s => s.UserId == b).OrderBy(s => s.SnapshotAt).Last();
        Assert.Equal((1, 2, 100L), (stored.Rank, stored.PreviousRank!.Value, stored.PointsChange));
    }

    [Fact]
    public async Task Bad_limits_are_refused_and_the_daily_board_stops_at_50()
    {
        using var f = PointsFixture.InMemory();
        var service = f.LeaderboardService();
        Assert.Equal(DomainErrorKind.Validation, (await Assert.ThrowsAsync<DomainException>(() =>
            service.GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Weekly, Limit: 0)))).Kind);
        await Assert.ThrowsAsync<DomainException>(() => service.GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Weekly, Limit: 501)));
        await Assert.ThrowsAsync<DomainException>(() => service.GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Weekly, Offset: -1)));
        var daily = await service.GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Daily, Limit: 200));
        Assert.Equal(50, daily.Limit);
    }

    [Fact]
    public async Task Other_tenants_never_appear()
    {
        using var f = PointsFixture.InMemory();
        await f.AwardAsync(f.AgentId, 10);
        var otherTenant = Guid.NewGuid();
        var stranger = Guid.NewGuid().ToString();
        using (var db = f.CreateContext())
        {
            db.Tenants.Add(new Tenant { Id = otherTenant, Name = "Other", TimeZoneId = "UTC", CreatedAt = PointsFixture.Start });
            db.Users.Add(new Core.Users.ApplicationUser { Id = stranger, TenantId = otherTenant, UserName = "s@o.test", DisplayName = "Stranger", CreatedAt = PointsFixture.Start });
            db.LeaderboardScores.Add(new LeaderboardScore { TenantId = otherTenant, UserId = stranger, PeriodType = LeaderboardPeriod.Weekly, PeriodStart = new DateOnly(2026, 3, 2), Points = 999 });
            db.SaveChanges();
        }
        var page = await WeeklyAsync(f, f.AgentId);
        Assert.Equal([f.AgentId], page.Entries.Select(e => e.UserId));
        Assert.Equal(1, page.UserRank!.Rank);
    }

    [Fact]
    public async Task The_snapshot_job_takes_each_board_by_its_cadence_and_repeats_nothing_in_between()
    {
        using var f = PointsFixture.InMemory();
        await f.AwardAsync(f.AgentId, 10);
        var jobs = new Core.Jobs.DailyJobs(f, f.Engine, f.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<Core.Jobs.DailyJobs>.Instance);

        Assert.Equal(4, await jobs.SnapshotDueAsync(None));
        Assert.Equal(0, await jobs.SnapshotDueAsync(None));
        f.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await jobs.SnapshotDueAsync(None)); // the daily board, hourly
        f.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(2, await jobs.SnapshotDueAsync(None)); // daily and weekly (every 6 hours)
        f.Clock.Advance(TimeSpan.FromHours(18));
        Assert.Equal(4, await jobs.SnapshotDueAsync(None)); // and monthly and all-time, daily

        var status = await jobs.StatusAsync(f.TenantId, None);
        var weekly = Assert.Single(status, s => s.Job == Core.Jobs.LeaderboardJobNames.Weekly);
        Assert.Equal(f.Clock.GetUtcNow(), weekly.LastRunAt);
        Assert.Equal(f.Clock.GetUtcNow().AddHours(6), weekly.NextRunAt);
    }

    [Fact]
    public async Task A_search_keeps_board_ranks_and_the_callers_row()
    {
        using var f = PointsFixture.InMemory();
        var b = f.AddAgent("agent-b");
        var c = f.AddAgent("agent-c");
        await f.AwardAsync(f.AgentId, 300);
        await f.AwardAsync(b, 200);
        await f.AwardAsync(c, 100);

        var page = await f.LeaderboardService()
            .GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Weekly, Search: "AGENT-C"));

        var only = Assert.Single(page.Entries);
        Assert.Equal((3, c), (only.Rank, only.UserId));
        Assert.Equal((1, f.AgentId), (page.UserRank!.Rank, page.UserRank.UserId));
    }
}
