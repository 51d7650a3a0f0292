using Gamification.Core.Points;

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
}
