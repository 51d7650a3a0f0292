using Gamification.Tests.Api;
using Gamification.Web.Notifications;

namespace Gamification.Tests.Scale;

/// <summary>The app with Notifications:Redis pointing at a port where nothing listens (SQLite, no server needed).</summary>
public sealed class UnreachableRedisAppFactory() : AppInstanceFactory(new Dictionary<string, string?>
{
    ["Notifications:Redis"] = $"127.0.0.1:{PrivateRedisServer.FreePort()}",
    ["Notifications:RedisChannel"] = RedisTestServer.NewChannel(),
});

/// <summary>
/// Notifications:Redis unset: live updates stay in process and <c>/health</c> has no Redis entry. Set, with Redis away:
/// the app starts, writes answer as usual, its own pages still update, and <c>/health</c> says degraded (still 200).
/// </summary>
public sealed class LiveUpdatesSettingsTests(GamificationAppFactory plain, UnreachableRedisAppFactory unreachable)
    : IClassFixture<GamificationAppFactory>, IClassFixture<UnreachableRedisAppFactory>
{
    [Fact]
    public async Task Without_redis_notifications_stay_in_process_and_health_has_no_redis_entry()
    {
        var response = await plain.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal(["database"], body.GetProperty("checks").EnumerateObject().Select(c => c.Name));
        var pages = plain.Services.GetRequiredService<CircuitNotifier>();
        Assert.Same(pages, plain.Services.GetRequiredService<IPointsNotifier>());
        Assert.Same(pages, plain.Services.GetRequiredService<INotificationPublisher>());
        Assert.Null(plain.Services.GetService<RedisNotificationRelay>());
    }

    [Fact]
    public async Task With_redis_away_ingestion_answers_200_the_instances_own_pages_update_and_health_is_degraded()
    {
        var acme = await unreachable.TenantIdAsync(DemoSeeder.AcmeName);
        var agent = await unreachable.UserIdAsync("agent07@acme.test");
        var onPage = new Received<PointsNotification>();
        using var subscription = unreachable.Services.GetRequiredService<CircuitNotifier>().Subscribe(acme, agent, onPage.Add);
        var key = await IngestionSteps.CreateKeyAsync(unreachable);

        var response = await IngestionSteps.PostAsync(unreachable.CreateClient(), IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-07", rating: 5));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("awarded", result.GetProperty("status").GetString());
        Assert.Equal(60, result.GetProperty("current_points").GetInt64());
        Assert.Equal(60, Assert.Single(onPage.Items).CurrentPoints);
        Assert.IsType<RedisNotificationRelay>(unreachable.Services.GetRequiredService<IPointsNotifier>());

        var health = await unreachable.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());
        var redis = checks.GetProperty("redis");
        Assert.Equal("degraded", redis.GetProperty("status").GetString());
        Assert.StartsWith("Redis cannot be reached: writes go on", redis.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(unreachable.Services.GetRequiredService<RedisNotificationRelay>().ChannelName,
            redis.GetProperty("data").GetProperty("channel").GetString());
    }

    [Fact]
    public void A_redis_setting_that_is_not_an_address_fails_the_start()
    {
        var options = new NotificationOptions { Redis = "127.0.0.1:6379,nonsense=yes" };

        var error = Assert.Throws<InvalidOperationException>(() => options.RedisConfiguration());

        Assert.StartsWith("Notifications:Redis is not a Redis address (host:port)", error.Message, StringComparison.Ordinal);
    }
}
