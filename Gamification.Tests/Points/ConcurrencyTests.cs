namespace Gamification.Tests.Points;

/// <summary>Many writers for one agent at once, each with its own context and connection on a shared SQLite file.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private readonly PointsFixture fx = PointsFixture.OnFile();

    public void Dispose() => fx.Dispose();

    [Fact]
    public async Task Twenty_concurrent_events_for_one_agent_never_exceed_the_cap_or_lose_an_update()
    {
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

    [Fact]
    public async Task The_same_event_sent_ten_times_at_once_awards_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(
            () => fx.RecordAsync(ActivityType.CallCompleted, rating: 5, eventId: "call-1"))));

        Assert.Single(results, r => r.Status != ActivityStatus.Duplicate);
        Assert.All(results, r => Assert.Equal(30, r.PointsAwarded));
        Assert.Single(fx.Ledger());
        Assert.Equal(30, fx.Points().CurrentPoints);
    }

    [Fact]
    public async Task Eight_writers_posting_2000_events_for_10_agents_keep_every_cap_exact_and_the_ledger_clean()
    {
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
}
