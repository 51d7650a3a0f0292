namespace Gamification.Tests.Points;

/// <summary>Batches: one transaction, one outcome per item, the same rules as single events.</summary>
public sealed class BatchTests : IDisposable
{
    private readonly PointsFixture fx = PointsFixture.InMemory();

    public void Dispose() => fx.Dispose();

    private ActivityInput Call(int? rating = null, string? eventId = null, DateTimeOffset? at = null, string? userId = null) =>
        new(eventId ?? fx.NextEventId(), ActivityType.CallCompleted, userId ?? fx.AgentId, at ?? fx.Clock.GetUtcNow(), rating);

    [Fact]
    public async Task Valid_items_are_recorded_and_invalid_items_are_reported_with_nothing_stored_for_them()
    {
        var now = fx.Clock.GetUtcNow();
        var outcomes = await fx.Engine.RecordBatchAsync(fx.TenantId,
        [
            Call(rating: 5),
            Call(rating: 9),
            Call(at: now - TimeSpan.FromHours(49)),
            Call(userId: "nobody"),
            Call(),
        ], default);

        Assert.Equal([true, false, false, false, true], outcomes.Select(o => o.Succeeded));
        Assert.Equal(DomainErrorKind.Validation, outcomes[1].Error!.Kind);
        Assert.Equal(DomainErrorKind.Validation, outcomes[2].Error!.Kind);
        Assert.Equal(DomainErrorKind.NotFound, outcomes[3].Error!.Kind);
        Assert.Equal([30L, 10L], fx.Ledger().Select(t => t.Points));
        Assert.Equal((40L, 2), (fx.Points().CurrentPoints, fx.Points().TotalCalls));
        Assert.Equal(40, outcomes[4].Result!.CurrentPoints);
    }

    [Fact]
    public async Task An_event_id_repeated_in_a_batch_is_a_duplicate_of_its_first_occurrence()
    {
        var outcomes = await fx.Engine.RecordBatchAsync(fx.TenantId, [Call(rating: 5, eventId: "e1"), Call(eventId: "e1")], default);

        Assert.Equal(ActivityStatus.Awarded, outcomes[0].Result!.Status);
        Assert.Equal(outcomes[0].Result! with { Status = ActivityStatus.Duplicate }, outcomes[1].Result);
        Assert.Single(fx.Ledger());

        var replay = await fx.Engine.RecordBatchAsync(fx.TenantId, [Call(eventId: "e1")], default);
        Assert.Equal(ActivityStatus.Duplicate, replay[0].Result!.Status);
        Assert.Equal(30, replay[0].Result!.PointsAwarded);
    }

    [Fact]
    public async Task A_batch_is_capped_exactly_like_the_same_events_one_by_one()
    {
        var batch = Enumerable.Range(0, 12).Select(_ => new ActivityInput(fx.NextEventId(), ActivityType.LeadConverted, fx.AgentId, fx.Clock.GetUtcNow())).ToList();

        var outcomes = await fx.Engine.RecordBatchAsync(fx.TenantId, batch, default);

        Assert.Equal(500, outcomes.Sum(o => o.Result!.PointsAwarded));
        Assert.Equal(2, outcomes.Count(o => o.Result!.Status == ActivityStatus.Capped));
        Assert.Equal(PointsRules.DailyCapReachedReason, outcomes[^1].Result!.Award.Reason);
        Assert.Equal((500L, 500), (fx.Points().CurrentPoints, fx.Points().DailyPoints));
    }

    [Fact]
    public async Task A_late_event_after_a_newer_day_in_the_same_batch_is_capped_against_its_own_day()
    {
        var now = fx.Clock.GetUtcNow();
        var yesterday = now - TimeSpan.FromDays(1);
        var batch = new List<ActivityInput>();
        batch.AddRange(Enumerable.Range(0, 10).Select(_ => new ActivityInput(fx.NextEventId(), ActivityType.LeadConverted, fx.AgentId, yesterday)));
        batch.Add(new ActivityInput(fx.NextEventId(), ActivityType.LeadConverted, fx.AgentId, now));
        batch.Add(new ActivityInput(fx.NextEventId(), ActivityType.LeadConverted, fx.AgentId, yesterday.AddMinutes(1)));

        var outcomes = await fx.Engine.RecordBatchAsync(fx.TenantId, batch, default);

        Assert.Equal(0, outcomes[^1].Result!.PointsAwarded); // yesterday was already at its cap
        Assert.True(outcomes[^2].Result!.PointsAwarded > 0);
        Assert.Equal(outcomes[^2].Result!.PointsAwarded, fx.Points().DailyPoints);
    }

    [Fact]
    public async Task More_than_1000_events_are_refused_whole()
    {
        var batch = Enumerable.Range(0, 1001).Select(_ => Call()).ToList();

        var error = await Assert.ThrowsAsync<DomainException>(() => fx.Engine.RecordBatchAsync(fx.TenantId, batch, default));

        Assert.Equal(DomainErrorKind.Validation, error.Kind);
        Assert.Empty(fx.Ledger());
    }

    [Fact]
    public async Task A_deactivated_agents_resent_event_is_still_a_duplicate_but_new_events_are_refused()
    {
        var first = await fx.Engine.RecordActivityAsync(fx.TenantId, Call(rating: 5, eventId: "before"), default);
        using (var db = fx.CreateContext())
        {
            var agent = db.Users.IgnoreQueryFilters().Single(u => u.Id == fx.AgentId);
            agent.IsActive = false;
            db.SaveChanges();
        }

        var outcomes = await fx.Engine.RecordBatchAsync(fx.TenantId, [Call(rating: 5, eventId: "before"), Call(eventId: "after")], default);

        Assert.Equal(first with { Status = ActivityStatus.Duplicate }, outcomes[0].Result);
        Assert.Equal(DomainErrorKind.Validation, outcomes[1].Error!.Kind);
        Assert.Single(fx.Ledger());
    }
}
