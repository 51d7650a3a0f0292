using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Points;

/// <summary>Points that move outside activity events: rewards, admin awards and revocations, decay, streak expiry.</summary>
public sealed class AwardsRevocationsAndDecayTests : IDisposable
{
    private readonly PointsFixture fx = PointsFixture.InMemory();
    private readonly RecordingNotifier notifier = new();
    private readonly PointsEngine engine;

    public AwardsRevocationsAndDecayTests() =>
        engine = new PointsEngine(fx, fx.Clock, NullLogger<PointsEngine>.Instance, AchievementEvaluators.All, notifier);

    public void Dispose() => fx.Dispose();

    [Theory]
    [InlineData(TransactionType.BadgeReward)]
    [InlineData(TransactionType.ChallengeReward)]
    public async Task Badge_and_challenge_rewards_are_paid_in_full_past_the_cap_without_multipliers(TransactionType type)
    {
        // A three-day streak (multiplier 1.5) and today's cap reached.
        await fx.CallAsync();
        fx.Clock.Advance(TimeSpan.FromDays(1));
        await fx.CallAsync();
        fx.Clock.Advance(TimeSpan.FromDays(1));
        for (var i = 0; i < 7; i++)
        {
            await fx.ConversionAsync();
        }
        Assert.Equal(500, fx.Points().DailyPoints);

        var change = await engine.AwardAsync(fx.TenantId, new PointsGrant(fx.AgentId, type, 100, "Century Club", SourceId: "reward-1"), default);

        Assert.Equal(100, change.Points);
        var entry = fx.Ledger()[^1];
        Assert.Equal((type, 100L, 100L, 1m, 1m), (entry.Type, entry.Points, entry.UncappedPoints, entry.Multiplier, entry.StreakMultiplier));
        Assert.Equal(500, fx.Points().DailyPoints); // rewards do not count towards the cap
        Assert.Equal(fx.Points().CurrentPoints, change.CurrentPoints);
    }

    [Fact]
    public async Task A_badge_reward_is_paid_once_per_source()
    {
        var grant = new PointsGrant(fx.AgentId, TransactionType.BadgeReward, 25, "First call", SourceId: "badge-7");
        var first = await engine.AwardAsync(fx.TenantId, grant, default);
        var second = await engine.AwardAsync(fx.TenantId, grant, default);

        Assert.False(first.AlreadyApplied);
        Assert.True(second.AlreadyApplied);
        Assert.Equal(0, second.Points);
        Assert.Single(fx.Ledger());
        Assert.Equal(25, fx.Points().CurrentPoints);
    }

    [Fact]
    public async Task Admin_award_counts_towards_lifetime_and_levels_up_with_the_bonus()
    {
        var change = await engine.AwardAsync(fx.TenantId, new PointsGrant(fx.AgentId, TransactionType.AdminAward, 1000, "Top of the quarter", CreatedByUserId: "admin-1"), default);

        Assert.Equal((1000L, 1150L, 1150L, 2, 2), (change.Points, change.CurrentPoints, change.LifetimePoints, change.Level, change.LevelUp));
        Assert.Equal([TransactionType.AdminAward, TransactionType.LevelUp], fx.Ledger().Select(t => t.Type));
        Assert.Equal("admin-1", fx.Ledger()[0].CreatedByUserId);
        Assert.Equal(fx.Ledger()[0].Id, change.TransactionId);
        var published = Assert.Single(notifier.Received);
        Assert.Equal((fx.AgentId, 1150L, 2, (int?)2), (published.UserId, published.CurrentPoints, published.Level, published.LevelUp));
        Assert.True((await engine.CheckLedgerAsync(fx.TenantId, default)).IsClean);
    }

    [Theory]
    [InlineData(0, "Bonus", "points")]
    [InlineData(-5, "Bonus", "points")]
    [InlineData(50, "", "reason")]
    [InlineData(50, "   ", "reason")]
    public async Task Admin_award_needs_positive_points_and_a_reason(long points, string reason, string field)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            engine.AwardAsync(fx.TenantId, new PointsGrant(fx.AgentId, TransactionType.AdminAward, points, reason), default));

        Assert.Equal(DomainErrorKind.Validation, error.Kind);
        Assert.True(error.Errors!.ContainsKey(field));
        Assert.Empty(fx.Ledger());
    }

    [Fact]
    public async Task Award_to_a_user_of_another_tenant_is_not_found_and_changes_nothing()
    {
        using var other = PointsFixture.InMemory();

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            engine.AwardAsync(fx.TenantId, new PointsGrant(other.AgentId, TransactionType.AdminAward, 10, "Nice"), default));

        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Empty(fx.Ledger());
    }

    [Fact]
    public async Task Revocation_lowers_current_and_lifetime_points_with_its_reason()
    {
        await fx.CallAsync(rating: 5);
        await fx.CallAsync(rating: 5);

        var change = await engine.RevokeAsync(fx.TenantId, fx.AgentId, 20, "Call was a test call", "admin-1", default);

        Assert.Equal((-20L, 40L, 40L), (change.Points, change.CurrentPoints, change.LifetimePoints));
        var entry = fx.Ledger()[^1];
        Assert.Equal(entry.Id, change.TransactionId);
        Assert.Equal((TransactionType.AdminRevoke, -20L, "Call was a test call", "admin-1"), (entry.Type, entry.Points, entry.Reason, entry.CreatedByUserId));
        Assert.True((await engine.CheckLedgerAsync(fx.TenantId, default)).IsClean);
    }

    [Fact]
    public async Task Revocation_never_takes_points_below_zero_and_never_lowers_the_level()
    {
        fx.SetLevelThreshold(2, 20);
        await fx.CallAsync(rating: 5); // 30 points, level 2, +150 bonus = 180
        Assert.Equal((180L, 2), (fx.Points().CurrentPoints, fx.Level()));

        var change = await engine.RevokeAsync(fx.TenantId, fx.AgentId, 1000, "Fraudulent calls", "admin-1", default);

        Assert.Equal((-180L, 0L, 0L, 2), (change.Points, change.CurrentPoints, change.LifetimePoints, change.Level));
        Assert.Contains("cut to 180", fx.Ledger()[^1].Reason, StringComparison.Ordinal);
        Assert.Equal(1000, fx.Ledger()[^1].BasePoints);
        Assert.Equal(2, fx.Level());

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            engine.RevokeAsync(fx.TenantId, fx.AgentId, 5, "Again", "admin-1", default));
        Assert.Equal(DomainErrorKind.Validation, error.Kind);
        Assert.Equal(3, fx.Ledger().Count);
        Assert.True((await engine.CheckLedgerAsync(fx.TenantId, default)).IsClean);
    }

    [Fact]
    public async Task Decay_takes_5_percent_once_per_idle_period_and_leaves_lifetime_alone()
    {
        for (var i = 0; i < 8; i++)
        {
            await fx.ConversionAsync(); // 400 points on day 0
        }

        fx.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, (await engine.DecayAsync(fx.TenantId, default)).UsersDecayed);
        Assert.Equal(400, fx.Points().CurrentPoints);

        fx.Clock.Advance(TimeSpan.FromDays(1)); // idle for 30 days
        var run = await engine.DecayAsync(fx.TenantId, default);
        Assert.Equal((1, 20L), (run.UsersDecayed, run.PointsRemoved));
        Assert.Equal((380L, 400L), (fx.Points().CurrentPoints, fx.Points().LifetimePoints));

        var again = await engine.DecayAsync(fx.TenantId, default);
        Assert.Equal((0, 0L), (again.UsersDecayed, again.PointsRemoved));
        Assert.Equal(380, fx.Points().CurrentPoints);

        fx.Clock.Advance(TimeSpan.FromDays(29));
        await engine.DecayAsync(fx.TenantId, default);
        Assert.Equal(380, fx.Points().CurrentPoints);
        fx.Clock.Advance(TimeSpan.FromDays(1)); // a further full period: floor(380 x 5%) = 19
        await engine.DecayAsync(fx.TenantId, default);
        Assert.Equal((361L, 400L), (fx.Points().CurrentPoints, fx.Points().LifetimePoints));

        var decays = fx.Ledger().Where(t => t.Type == TransactionType.Decay).ToList();
        Assert.Equal([-20L, -19L], decays.Select(d => d.Points));
        Assert.True((await engine.CheckLedgerAsync(fx.TenantId, default)).IsClean);
    }

    [Fact]
    public async Task Decay_catches_up_periods_the_job_missed_once_each()
    {
        for (var i = 0; i < 8; i++)
        {
            await fx.ConversionAsync();
        }
        fx.Clock.Advance(TimeSpan.FromDays(65));

        await engine.DecayAsync(fx.TenantId, default);
        await engine.DecayAsync(fx.TenantId, default);

        Assert.Equal([-20L, -19L], fx.Ledger().Where(t => t.Type == TransactionType.Decay).Select(d => d.Points));
        Assert.Equal(361, fx.Points().CurrentPoints);
    }

    [Fact]
    public async Task Activity_restarts_the_decay_clock()
    {
        for (var i = 0; i < 8; i++)
        {
            await fx.ConversionAsync();
        }
        fx.Clock.Advance(TimeSpan.FromDays(20));
        await fx.CallAsync();
        fx.Clock.Advance(TimeSpan.FromDays(20));

        await engine.DecayAsync(fx.TenantId, default);

        Assert.Equal(410, fx.Points().CurrentPoints);
        Assert.DoesNotContain(fx.Ledger(), t => t.Type == TransactionType.Decay);
    }

    [Fact]
    public async Task Streak_expiry_ends_dead_streaks_only_and_is_idempotent()
    {
        var other = fx.AddAgent("agent-02");
        await fx.CallAsync();
        await fx.RecordAsync(ActivityType.CallCompleted, userId: other);
        fx.Clock.Advance(TimeSpan.FromDays(1));
        await fx.RecordAsync(ActivityType.CallCompleted, userId: other);

        fx.Clock.Advance(TimeSpan.FromDays(1)); // day 2: the first agent missed day 1
        var run = await engine.ExpireStreaksAsync(fx.TenantId, default);
        var again = await engine.ExpireStreaksAsync(fx.TenantId, default);

        Assert.Equal((1, 0), (run.StreaksEnded, again.StreaksEnded));
        Assert.Equal(0, fx.Points().StreakDays);
        Assert.Equal(2, fx.Points(other).StreakDays);
        Assert.Contains(notifier.Received, n => n.UserId == fx.AgentId && n.StreakDays == 0);

        // The next active day starts again at 1.
        Assert.Equal(1, (await fx.CallAsync()).StreakDays);
    }

    [Fact]
    public async Task Level_up_and_streak_milestones_write_achievement_events()
    {
        fx.SetLevelThreshold(2, 25);
        await fx.CallAsync();
        fx.Clock.Advance(TimeSpan.FromDays(1));
        await fx.CallAsync();
        fx.Clock.Advance(TimeSpan.FromDays(1));
        await fx.CallAsync();

        var kinds = fx.All<AchievementEvent>().Select(a => a.Kind).Order().ToList();
        Assert.Equal([AchievementKind.LevelUp, AchievementKind.StreakMilestone], kinds);
    }

    private sealed class RecordingNotifier : IPointsNotifier
    {
        private readonly List<PointsNotification> received = [];

        public IReadOnlyList<PointsNotification> Received
        {
            get
            {
                lock (received)
                {
                    return received.ToList();
                }
            }
        }

        public void Publish(PointsNotification notification)
        {
            lock (received)
            {
                received.Add(notification);
            }
        }
    }
}
