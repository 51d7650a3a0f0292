namespace Gamification.Tests.Points;

/// <summary>
/// Many writers for one agent at once, each with its own context and connection, on a shared SQLite file and on a
/// PostgreSQL database of the test's own.
/// </summary>
public sealed class ConcurrencyTests
{
    [Theory, EachDatabase]
    public async Task Twenty_concurrent_events_for_one_agent_never_exceed_the_cap_or_lose_an_update(TestDatabase database)
    {
        using var fx = PointsFixture.Shared(database);
        var events = Enumerable.Range(0, 20).Select(_ => fx.NextEventId()).ToList();

        var results = await Task.WhenAll(events.Select(id => Task.Run(
            () => fx.RecordAsync(ActivityType.LeadConverted, eventId: id))));

        Assert.Equal(500, results.Sum(r => r.PointsAwarded));
        Assert.Equal(10, results.Count(r => r.Status == ActivityStatus.Awarded));
        Assert.Equal(10, results.Count(r => r is { Status: ActivityStatus.Capped, PointsAwarded: 0 }));
        var points = fx.Points();
        Assert.Equal((500L, 500L, 500, 20), (points.CurrentPoints, points.LifetimePoints, points.DailyPoints, points.Conversions));
        Assert.Equal(20, fx.Ledger().Count);
        var check = await fx.Engine.CheckLedgerAsync(fx.TenantId, default);
        Assert.True(check.IsClean, string.Join("; ", check.Mismatches));
    }

    [Theory, EachDatabase]
    public async Task The_same_event_sent_ten_times_at_once_awards_once(TestDatabase database)
    {
        using var fx = PointsFixture.Shared(database);
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(
            () => fx.RecordAsync(ActivityType.CallCompleted, rating: 5, eventId: "call-1"))));

        Assert.Single(results, r => r.Status != ActivityStatus.Duplicate);
        Assert.All(results, r => Assert.Equal(30, r.PointsAwarded));
        Assert.Single(fx.Ledger());
        Assert.Equal(30, fx.Points().CurrentPoints);
    }

    [Theory, EachDatabase]
    public async Task Eight_writers_posting_2000_events_for_10_agents_keep_every_cap_exact_and_the_ledger_clean(TestDatabase database)
    {
        using var fx = PointsFixture.Shared(database);
        var agents = Enumerable.Range(1, 10).Select(i => i == 1 ? fx.AgentId : fx.AddAgent($"agent-{i:00}")).ToList();
        // 200 conversions per agent (10,000 points offered, cap 500), interleaved across agents, some resent.
        var events = Enumerable.Range(0, 2000)
            .Select(i => (Agent: agents[i % 10], Id: $"evt-{i:D5}"))
            .ToList();
        var queues = Enumerable.Range(0, 8).Select(w => events.Where((_, i) => i % 8 == w).ToList()).ToList();

        var results = await Task.WhenAll(queues.Select(queue => Task.Run(async () =>
        {
            var mine = new List<ActivityResult>();
            foreach (var (agent, id) in queue)
            {
                mine.Add(await fx.RecordAsync(ActivityType.LeadConverted, eventId: id, userId: agent));
            }
            return mine;
        })));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(2000, all.Count);
        Assert.Equal(5000, all.Sum(r => r.PointsAwarded));
        foreach (var agent in agents)
        {
            var points = fx.Points(agent);
            Assert.Equal((500L, 500L, 500, 200), (points.CurrentPoints, points.LifetimePoints, points.DailyPoints, points.Conversions));
        }
        Assert.Equal(2000, fx.Ledger().Count);
        var check = await fx.Engine.CheckLedgerAsync(fx.TenantId, default);
        Assert.True(check.IsClean, string.Join("; ", check.Mismatches));
        Assert.Equal(10, check.UsersChecked);
    }

    [Theory, EachDatabase]
    public async Task Eight_writers_awarding_10_agents_at_once_leave_every_board_on_two_instances_equal_to_the_ledger(TestDatabase database)
    {
        using var fx = PointsFixture.Shared(database);
        // Agent i (1..10) gets 20 awards of 4 x i points: 80 x i in all, under level 2's 1,000 (no level-up bonus).
        var agents = Enumerable.Range(1, 10).Select(i => i == 1 ? fx.AgentId : fx.AddAgent($"agent-{i:00}")).ToList();
        var awards = Enumerable.Range(0, 200).Select(n => (Agent: agents[n % 10], Points: 4L * ((n % 10) + 1))).ToList();
        // Two instances, each with its own cache, both holding the boards as they were before the writes.
        var here = fx.LeaderboardService();
        var there = new LeaderboardService(fx.TenantScoped(), fx.Clock, new LeaderboardCache());
        foreach (var service in new[] { here, there })
        {
            // The monthly board lists every active agent, those without points too.
            var empty = await service.GetAsync(fx.AgentId, new LeaderboardQuery(LeaderboardPeriod.Monthly));
            Assert.Equal(Enumerable.Repeat(0L, 10), empty.Entries.Select(e => e.Points));
        }
        BoardVersion before;
        await using (var db = fx.CreateContext())
        {
            before = await LeaderboardVersions.ReadAsync(db, fx.TenantId, default);
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            foreach (var (agent, points) in awards.Where((_, i) => i % 8 == w))
            {
                await fx.AwardAsync(agent, points, "Concurrent award");
            }
        })));

        // Highest first: agent 10 on 800, rank 1, down to agent 1 on 80, rank 10.
        var expected = Enumerable.Range(1, 10).Reverse().Select(i => (agents[i - 1], 80L * i, 11 - i)).ToList();
        foreach (var service in new[] { here, there })
        {
            foreach (var period in new[] { LeaderboardPeriod.Daily, LeaderboardPeriod.Weekly, LeaderboardPeriod.Monthly, LeaderboardPeriod.AllTime })
            {
                var page = await service.GetAsync(fx.AgentId, new LeaderboardQuery(period));
                Assert.Equal(expected, page.Entries.Select(e => (e.UserId!, e.Points, e.Rank)));
            }
        }
        Assert.All(agents.Select((a, i) => (fx.Points(a).CurrentPoints, 80L * (i + 1))), p => Assert.Equal(p.Item2, p.CurrentPoints));
        // Every award raised the board version once: none was lost to a concurrent bump.
        await using (var db = fx.CreateContext())
        {
            Assert.Equal(before with { Scores = before.Scores + 200 }, await LeaderboardVersions.ReadAsync(db, fx.TenantId, default));
        }
        var check = await fx.Engine.CheckLedgerAsync(fx.TenantId, default);
        Assert.True(check.IsClean, string.Join("; ", check.Mismatches));
        Assert.Equal(10, check.UsersChecked);
    }
}
