using System.Diagnostics;

using Gamification.Web.Api;
using Gamification.Web.Notifications;

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Scale;

/// <summary>
/// Live updates across app instances through Redis pub/sub: two relays, as two instances hold them, each with the
/// in-process notifier its pages subscribe to. A notification published on one reaches the pages of both, once each,
/// and no page of another tenant; with Redis away nothing throws and the origin's pages still hear it; delivery
/// resumes when Redis is back. The shared test server (GAMIFICATION_TEST_REDIS) serves the tests that keep it up;
/// those that stop Redis run a redis-server of their own.
/// </summary>
public sealed class RedisNotificationRelayTests : IAsyncLifetime
{
    private static readonly Guid Acme = Guid.Parse("5b0a3c55-0000-4000-8000-000000000001");
    private static readonly Guid Globex = Guid.Parse("5b0a3c55-0000-4000-8000-000000000002");
    private const string Agent = "user-agent-07";

    private readonly List<IAsyncDisposable> instances = [];
    private readonly List<IDisposable> servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }
        foreach (var server in servers)
        {
            server.Dispose();
        }
    }

    [Fact]
    public async Task A_points_change_published_on_one_instance_reaches_the_pages_of_both_once()
    {
        var redis = new RedisTestServer();
        var channel = RedisTestServer.NewChannel();
        var a = await StartAsync(redis.Address, channel);
        var b = await StartAsync(redis.Address, channel);
        var onA = new Received<PointsNotification>();
        var onB = new Received<PointsNotification>();
        using var subA = a.Pages.Subscribe(Acme, Agent, onA.Add);
        using var subB = b.Pages.Subscribe(Acme, Agent, onB.Add);
        var perfect = Change(Acme, Agent, current: 60, delta: 60) with
        {
            Achievements =
            [
                new AchievementNotice(AchievementKind.BadgeEarned, "Welcome", "Badge unlocked: Complete your first call.", 10, "waving_hand", BadgeRarity.Common),
                new AchievementNotice(AchievementKind.BadgeEarned, "Five Stars", "Badge unlocked: Get a 5-star rating.", 20, "star", BadgeRarity.Uncommon),
            ],
            EntryType = TransactionType.Activity,
            EntryPoints = 30,
            EntryReason = "Perfect call (5★)",
            LevelUp = 2,
        };
        var redemption = Change(Acme, Agent, current: 60 - 50, delta: -50) with
        {
            EntryType = TransactionType.Redemption,
            EntryPoints = -50,
            EntryReason = "Redeemed: Free Cafeteria Lunch",
        };

        a.Relay.Publish(perfect);
        a.Relay.Publish(redemption);

        // B hears both, in order, with every field as published (the achievements and the ledger entry included).
        var heardOnB = await onB.WaitForCountAsync(2, "B's page");
        Assert.Equal(2, heardOnB.Count);
        AssertSame(perfect, heardOnB[0]);
        AssertSame(redemption, heardOnB[1]);
        // A's own page heard them at once, as without Redis.
        Assert.Equal(2, onA.Items.Count);
        Assert.Same(perfect, onA.Items[0]);

        // Then B publishes a third: it comes after A's two on the channel, so had A delivered its own messages again
        // when they came back from Redis, A's page would have heard them before this one.
        var fromB = Change(Acme, Agent, current: 70, delta: 60);
        b.Relay.Publish(fromB);

        var heardOnA = await onA.WaitForCountAsync(3, "A's page");
        Assert.Equal(3, heardOnA.Count);
        Assert.Same(perfect, heardOnA[0]);
        Assert.Same(redemption, heardOnA[1]);
        AssertSame(fromB, heardOnA[2]);
        Assert.Equal(3, onB.Items.Count);
        Assert.Same(fromB, onB.Items[2]);
    }

    [Fact]
    public async Task A_notice_published_on_one_instance_reaches_the_inbox_on_the_other()
    {
        var redis = new RedisTestServer();
        var channel = RedisTestServer.NewChannel();
        var a = await StartAsync(redis.Address, channel);
        var b = await StartAsync(redis.Address, channel);
        var onB = new Received<NotificationView>();
        var otherTenantOnB = new Received<NotificationView>();
        using var sub = b.Pages.SubscribeNotifications(Acme, Agent, onB.Add);
        using var other = b.Pages.SubscribeNotifications(Globex, Agent, otherTenantOnB.Add);
        var notice = new NotificationView(41, NotificationKind.StreakReminder, "Keep your streak", "One call today keeps your 6-day streak.",
            new DateOnly(2026, 12, 2), new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.Zero), null,
            JsonSerializer.Deserialize<JsonElement>("{\"streak_days\":6}"));
        var globexNotice = notice with { Id = 42, Data = null };

        a.Relay.Publish(Acme, Agent, notice);
        a.Relay.Publish(Globex, Agent, globexNotice);

        var heard = Assert.Single(await onB.WaitForCountAsync(1, "B's inbox"));
        Assert.Equal(notice with { Data = null }, heard with { Data = null });
        Assert.Equal("{\"streak_days\":6}", heard.Data?.GetRawText());
        // The same user id in another tenant heard only its own tenant's notice.
        var heardOther = Assert.Single(await otherTenantOnB.WaitForCountAsync(1, "B's inbox of the other tenant"));
        Assert.Equal(42, heardOther.Id);
        Assert.Null(heardOther.Data);
        Assert.Single(onB.Items);
    }

    [Fact]
    public async Task A_page_of_another_tenant_hears_nothing_of_a_change_published_on_another_instance()
    {
        var redis = new RedisTestServer();
        var channel = RedisTestServer.NewChannel();
        var a = await StartAsync(redis.Address, channel);
        var b = await StartAsync(redis.Address, channel);
        // On B: the agent's page and a leaderboard of Acme (the positive controls), and in Globex a page of a user
        // with the same id and a leaderboard.
        var acmeUser = new Received<PointsNotification>();
        var acmeBoard = new Received<PointsNotification>();
        var globexUser = new Received<PointsNotification>();
        var globexBoard = new Received<PointsNotification>();
        using var s1 = b.Pages.Subscribe(Acme, Agent, acmeUser.Add);
        using var s2 = b.Pages.SubscribeTenant(Acme, acmeBoard.Add);
        using var s3 = b.Pages.Subscribe(Globex, Agent, globexUser.Add);
        using var s4 = b.Pages.SubscribeTenant(Globex, globexBoard.Add);
        var acmeChange = Change(Acme, Agent, current: 30, delta: 30);
        var globexChange = Change(Globex, Agent, current: 12, delta: 12);

        a.Relay.Publish(acmeChange);
        // Published after Acme's: once Globex's pages heard it, they would have heard Acme's before it.
        a.Relay.Publish(globexChange);

        AssertSame(globexChange, Assert.Single(await globexUser.WaitForCountAsync(1, "Globex's page")));
        AssertSame(globexChange, Assert.Single(await globexBoard.WaitForCountAsync(1, "Globex's leaderboard")));
        AssertSame(acmeChange, Assert.Single(await acmeUser.WaitForCountAsync(1, "Acme's page")));
        AssertSame(acmeChange, Assert.Single(await acmeBoard.WaitForCountAsync(1, "Acme's leaderboard")));
    }

    [Fact]
    public async Task With_redis_unreachable_publishing_does_not_throw_the_origins_pages_still_hear_it_and_health_is_degraded()
    {
        // A port nobody listens on.
        var closed = $"127.0.0.1:{PrivateRedisServer.FreePort()}";
        var a = await StartAsync(closed, RedisTestServer.NewChannel());
        var onA = new Received<PointsNotification>();
        using var sub = a.Pages.Subscribe(Acme, Agent, onA.Add);
        var change = Change(Acme, Agent, current: 30, delta: 30);

        var publishing = Stopwatch.StartNew();
        a.Relay.Publish(change);
        a.Relay.Publish(Acme, Agent, new NotificationView(1, NotificationKind.StreakReminder, "t", "x", new DateOnly(2026, 12, 2), DateTimeOffset.UnixEpoch, null, null));
        publishing.Stop();

        // Nothing waited for Redis: far under the 2-second timeout a queued or retried command would take.
        Assert.True(publishing.Elapsed < TimeSpan.FromSeconds(1), $"Publishing took {publishing.Elapsed.TotalMilliseconds:F0} ms.");
        Assert.Same(change, Assert.Single(onA.Items));
        Assert.False(await a.Relay.IsReachableAsync());
        var health = await new RedisHealthCheck(a.Relay).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.StartsWith("Redis cannot be reached", health.Description, StringComparison.Ordinal);
        Assert.Equal(a.Relay.ChannelName, health.Data["channel"]);
    }

    [Fact]
    public async Task Delivery_resumes_when_redis_comes_back_and_what_was_published_while_it_was_away_is_not_replayed()
    {
        var server = Track(PrivateRedisServer.StartNew());
        var channel = RedisTestServer.NewChannel();
        var a = await StartAsync(server.Address, channel);
        var b = await StartAsync(server.Address, channel);
        var onA = new Received<PointsNotification>();
        var onB = new Received<PointsNotification>();
        using var subA = a.Pages.Subscribe(Acme, Agent, onA.Add);
        using var subB = b.Pages.Subscribe(Acme, Agent, onB.Add);
        Assert.Equal(HealthStatus.Healthy, await HealthAsync(a));
        var before = Change(Acme, Agent, current: 10, delta: 10);
        a.Relay.Publish(before);
        await onB.WaitForCountAsync(1, "B's page before the outage");

        server.Stop();
        await WaitForHealthAsync(a, HealthStatus.Degraded);
        await WaitForHealthAsync(b, HealthStatus.Degraded);
        var during = Change(Acme, Agent, current: 20, delta: 10);
        a.Relay.Publish(during);
        Assert.Equal([before, during], onA.Items);

        server.Start();
        await WaitForHealthAsync(a, HealthStatus.Healthy);
        await WaitForHealthAsync(b, HealthStatus.Healthy);
        var after = Change(Acme, Agent, current: 30, delta: 10);
        a.Relay.Publish(after);

        var heard = await onB.WaitForCountAsync(2, "B's page after Redis came back");
        Assert.Equal(2, heard.Count);
        AssertSame(before, heard[0]);
        AssertSame(after, heard[1]);
        Assert.Equal([before, during, after], onA.Items);
    }

    [Fact]
    public async Task An_instance_started_while_redis_is_away_receives_once_it_is_there()
    {
        var server = Track(new PrivateRedisServer());
        var channel = RedisTestServer.NewChannel();
        // B starts first, with no Redis: it starts all the same (after the connect timeout), degraded.
        var b = await StartAsync(server.Address, channel);
        Assert.Equal(HealthStatus.Degraded, await HealthAsync(b));
        var onB = new Received<PointsNotification>();
        using var subB = b.Pages.Subscribe(Acme, Agent, onB.Add);

        server.Start();
        await WaitForHealthAsync(b, HealthStatus.Healthy);
        var a = await StartAsync(server.Address, channel);
        var change = Change(Acme, Agent, current: 30, delta: 30);
        a.Relay.Publish(change);

        AssertSame(change, Assert.Single(await onB.WaitForCountAsync(1, "B's page")));
    }

    private sealed record Instance(CircuitNotifier Pages, RedisNotificationRelay Relay) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Relay.DisposeAsync();
    }

    private async Task<Instance> StartAsync(string address, string channel)
    {
        var pages = new CircuitNotifier(NullLogger<CircuitNotifier>.Instance);
        var relay = new RedisNotificationRelay(pages, new NotificationOptions { Redis = address, RedisChannel = channel },
            NullLogger<RedisNotificationRelay>.Instance);
        var instance = new Instance(pages, relay);
        instances.Add(instance);
        await relay.StartAsync(CancellationToken.None);
        return instance;
    }

    private T Track<T>(T server) where T : IDisposable
    {
        servers.Add(server);
        return server;
    }

    private static async Task<HealthStatus> HealthAsync(Instance instance) =>
        (await new RedisHealthCheck(instance.Relay).CheckHealthAsync(new HealthCheckContext())).Status;

    /// <summary>StackExchange.Redis notices a lost server, and reconnects, on its own schedule (a few seconds at most).</summary>
    private static async Task WaitForHealthAsync(Instance instance, HealthStatus expected)
    {
        var deadline = Stopwatch.StartNew();
        HealthStatus status;
        while ((status = await HealthAsync(instance)) != expected)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"Redis health stayed {status}, expected {expected}.");
            await Task.Delay(100);
        }
    }

    private static PointsNotification Change(Guid tenantId, string userId, long current, long delta) =>
        new(tenantId, userId, current, Math.Max(current, 0) + 100, DailyPoints: 30, DailyCap: 500, StreakDays: 3, Level: 1, LevelUp: null,
            PointsDelta: delta, Message: $"{(delta >= 0 ? "+" : "")}{delta} points");

    /// <summary>Equal field by field (a copy that came through Redis has its own achievements list).</summary>
    private static void AssertSame(PointsNotification expected, PointsNotification actual)
    {
        Assert.Equal(expected with { Achievements = null }, actual with { Achievements = null });
        Assert.Equal(expected.Achievements ?? [], actual.Achievements ?? []);
    }
}
