namespace Gamification.Tests.Leaderboards;

/// <summary>
/// Each instance ranks from memory (<see cref="LeaderboardCache"/>) as of the tenant's board version: every change a
/// board shows must raise that version, so the next read on any instance shows it.
/// </summary>
public sealed class LeaderboardCacheTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Another agent, after agent-01, on this week's board: agent-01 on 100 points, the other on 50.</summary>
    private static async Task<string> SecondOnTheBoardAsync(PointsFixture f)
    {
        var other = f.AddAgent("agent-b");
        await f.AwardAsync(f.AgentId, 100);
        await f.AwardAsync(other, 50);
        return other;
    }

    private static Task<LeaderboardPage> WeeklyAsync(PointsFixture f, string caller, LeaderboardService? service = null) =>
        (service ?? f.LeaderboardService()).GetAsync(caller, new LeaderboardQuery(LeaderboardPeriod.Weekly));

    private static async Task<BoardVersion> VersionsAsync(PointsFixture f, Guid? tenantId = null)
    {
        await using var db = f.CreateContext();
        return await LeaderboardVersions.ReadAsync(db, tenantId ?? f.TenantId, None);
    }

    [Fact]
    public async Task An_award_on_another_instance_shows_in_the_next_read()
    {
        using var f = PointsFixture.InMemory();
        var other = await SecondOnTheBoardAsync(f);
        // Two instances: each with its own cache.
        var here = f.LeaderboardService();
        var there = new LeaderboardService(f.TenantScoped(), f.Clock, new LeaderboardCache());
        Assert.Equal(f.AgentId, (await WeeklyAsync(f, other, here)).Entries[0].UserId);
        Assert.Equal(f.AgentId, (await WeeklyAsync(f, other, there)).Entries[0].UserId);

        await f.AwardAsync(other, 100);

        foreach (var service in new[] { here, there })
        {
            var page = await WeeklyAsync(f, other, service);
            Assert.Equal([(other, 150L, 1), (f.AgentId, 100L, 2)], page.Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
            Assert.Equal(1, page.UserRank!.Rank);
        }
        Assert.Equal(1, await here.RankOfAsync(other));
    }

    [Fact]
    public async Task Reads_do_not_move_the_version_and_a_write_moves_only_its_tenants()
    {
        using var f = PointsFixture.InMemory();
        await f.AwardAsync(f.AgentId, 100);
        var before = await VersionsAsync(f);
        Assert.True(before.Scores > 0);

        await WeeklyAsync(f, f.AgentId);
        await WeeklyAsync(f, f.AgentId);
        Assert.Equal(before, await VersionsAsync(f));
        Assert.Equal(1, f.Boards.BoardCount);

        // An award moves the scores' version only; a person's change moves both.
        await f.AwardAsync(f.AgentId, 10);
        Assert.Equal(before with { Scores = before.Scores + 1 }, await VersionsAsync(f));
        f.AddAgent("agent-new");
        Assert.Equal(new BoardVersion(before.Scores + 2, before.People + 1), await VersionsAsync(f));
        Assert.Equal(default, await VersionsAsync(f, Guid.NewGuid()));
    }

    [Fact]
    public async Task A_rename_a_team_move_and_a_deactivation_show_in_the_next_read()
    {
        using var f = PointsFixture.InMemory();
        var other = f.AddAgent("agent-b");
        var team = f.AddTeam("Sharks", other);
        await f.AwardAsync(f.AgentId, 100);
        await f.AwardAsync(other, 50);
        await WeeklyAsync(f, f.AgentId);

        await using (var db = f.CreateContext())
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == other);
            user.DisplayName = "Zed Renamed";
            (await db.Teams.IgnoreQueryFilters().SingleAsync(t => t.Id == team)).Name = "Orcas";
            await db.SaveChangesAsync();
        }
        var renamed = (await WeeklyAsync(f, f.AgentId)).Entries.Single(e => e.UserId == other);
        Assert.Equal(("Zed Renamed", "Orcas"), (renamed.DisplayName, renamed.TeamName));
        var teams = await f.LeaderboardService().GetAsync(other, new LeaderboardQuery(LeaderboardPeriod.Weekly, Teams: true));
        Assert.Equal(("Orcas", 50L, true), (teams.Entries.Single().DisplayName, teams.Entries.Single().Points, teams.Entries.Single().IsCaller));

        await using (var db = f.CreateContext())
        {
            (await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == other)).IsActive = false;
            await db.SaveChangesAsync();
        }
        var page = await WeeklyAsync(f, f.AgentId);
        Assert.Equal([f.AgentId], page.Entries.Select(e => e.UserId));
    }

    [Fact]
    public async Task A_badge_a_snapshot_and_a_streak_ending_show_in_the_next_read()
    {
        using var f = PointsFixture.InMemory();
        var badge = f.AddBadge(Core.Badges.BadgeRequirement.Manual, 0, reward: 0);
        await f.CallAsync(rating: 5);
        var first = (await WeeklyAsync(f, f.AgentId)).UserRank!;
        Assert.Equal((0, (int?)null, 1), (first.BadgesCount, first.PreviousRank, first.StreakDays));

        await f.BadgeAwards().AwardBadgeAsync(f.TenantId, badge, f.AgentId, "Helped the new hires", "admin-1", None);
        Assert.Equal(1, (await WeeklyAsync(f, f.AgentId)).UserRank!.BadgesCount);

        await f.LeaderboardService().SnapshotAsync(f.TenantId, [LeaderboardPeriod.Weekly], null);
        Assert.Equal(1, (await WeeklyAsync(f, f.AgentId)).UserRank!.PreviousRank);

        // Two days on (still the same week): the streak has lapsed; the expiry job ends it.
        f.Clock.Advance(TimeSpan.FromDays(2));
        await f.Engine.ExpireStreaksAsync(f.TenantId, None);
        Assert.Equal(0, (await WeeklyAsync(f, f.AgentId)).UserRank!.StreakDays);
    }

    [Fact]
    public async Task A_new_time_zone_moves_the_period_in_the_next_read()
    {
        // Monday 2 March 2026 14:00 UTC; at 00:30 Monday UTC it is still Sunday in New York (the week before).
        using var f = PointsFixture.InMemory();
        f.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 0, 30, 0, TimeSpan.Zero));
        await f.AwardAsync(f.AgentId, 100);
        var utc = await WeeklyAsync(f, f.AgentId);
        Assert.Equal(new DateOnly(2026, 3, 9), utc.PeriodStart);

        await using (var db = f.CreateContext())
        {
            (await db.Tenants.SingleAsync(t => t.Id == f.TenantId)).TimeZoneId = "America/New_York";
            await db.SaveChangesAsync();
        }

        Assert.Equal(new DateOnly(2026, 3, 2), (await WeeklyAsync(f, f.AgentId)).PeriodStart);
    }

    [Fact]
    public async Task The_cache_holds_no_more_boards_than_its_rows_allow()
    {
        using var f = PointsFixture.InMemory();
        var other = await SecondOnTheBoardAsync(f);
        var cache = new LeaderboardCache(maxRows: 2);
        var service = new LeaderboardService(f.TenantScoped(), f.Clock, cache);

        foreach (var period in LeaderboardRules.Periods)
        {
            var page = await service.GetAsync(f.AgentId, new LeaderboardQuery(period));
            Assert.Equal(2, page.TotalCount);
        }

        Assert.Equal(1, cache.BoardCount);
    }
}
