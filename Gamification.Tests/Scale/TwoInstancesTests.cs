using Gamification.Tests.Api;
using Gamification.Web.Notifications;

namespace Gamification.Tests.Scale;

/// <summary>
/// Two app instances on one PostgreSQL database and one Redis (GAMIFICATION_TEST_POSTGRES, GAMIFICATION_TEST_REDIS),
/// as behind a load balancer. Fails, never skips, when either server is missing.
/// </summary>
public sealed class TwoInstances : IDisposable
{
    private readonly PostgreSqlTestDatabase database;
    private readonly string keys = Path.Combine(Path.GetTempPath(), "gamification-tests", $"keys-{Guid.NewGuid():N}");

    public TwoInstances()
    {
        // Both first, so that a missing server fails the class before any app starts.
        var redis = new RedisTestServer();
        database = new PostgreSqlTestDatabase();
        var settings = AppInstanceFactory.Shared(database.ConnectionString, keys, redis.Address, RedisTestServer.NewChannel());
        A = new AppInstanceFactory(settings);
        // A migrates and seeds; B then starts on the same database.
        _ = A.Services;
        B = new AppInstanceFactory(settings);
        _ = B.Services;
    }

    public AppInstanceFactory A { get; }

    public AppInstanceFactory B { get; }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
        database.Dispose();
        try
        {
            Directory.Delete(keys, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}

/// <summary>
/// Live updates across instances through the whole app: what an integration and an admin do through the API of
/// instance A reaches the open pages of instance B (the agent's, and the tenant's leaderboards and redemption queue),
/// each once, as A's own pages hear it; both report Redis in <c>/health</c>.
/// </summary>
public sealed class TwoInstancesTests(TwoInstances instances) : IClassFixture<TwoInstances>
{
    private const string Api = "/api/v1/gamification";

    [Fact]
    public async Task Both_instances_report_redis_and_the_database_healthy()
    {
        foreach (var app in new[] { instances.A, instances.B })
        {
            var response = await app.CreateClient().GetAsync("/health");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("healthy", body.GetProperty("status").GetString());
            var checks = body.GetProperty("checks");
            Assert.Equal(["database", "redis"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
            Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());
            var redis = checks.GetProperty("redis");
            Assert.Equal("healthy", redis.GetProperty("status").GetString());
            Assert.Equal("Redis is reachable: live updates reach the pages of every instance.", redis.GetProperty("description").GetString());
            Assert.IsType<RedisNotificationRelay>(app.Services.GetRequiredService<IPointsNotifier>());
        }
    }

    [Fact]
    public async Task Points_achievements_and_a_redemption_made_on_one_instance_reach_the_pages_of_the_other_once()
    {
        var acme = await instances.A.TenantIdAsync(DemoSeeder.AcmeName);
        var agent = await instances.A.UserIdAsync("agent08@acme.test");
        // The agent's pages (indicator, dashboard, shop) and the tenant's (leaderboards, redemption queue) on each instance.
        var onA = new Received<PointsNotification>();
        var onB = new Received<PointsNotification>();
        var boardOnB = new Received<PointsNotification>();
        using var s1 = instances.A.Services.GetRequiredService<CircuitNotifier>().Subscribe(acme, agent, onA.Add);
        using var s2 = instances.B.Services.GetRequiredService<CircuitNotifier>().Subscribe(acme, agent, onB.Add);
        using var s3 = instances.B.Services.GetRequiredService<CircuitNotifier>().SubscribeTenant(acme, boardOnB.Add);

        // On A: the call-center platform sends a perfect call, an admin awards 500 points, the agent buys a lunch.
        var key = await IngestionSteps.CreateKeyAsync(instances.A);
        var call = await IngestionSteps.PostAsync(instances.A.CreateClient(), IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-08", rating: 5));
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        var admin = await instances.A.ClientForAsync("admin@acme.test");
        var award = await admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = agent, points = 500, reason = "Shop money" });
        Assert.True(award.StatusCode == HttpStatusCode.OK, await award.Content.ReadAsStringAsync());
        var client = await instances.A.ClientForAsync("agent08@acme.test");
        var shop = await client.GetFromJsonAsync<JsonElement>($"{Api}/rewards");
        var lunch = shop.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "Free Cafeteria Lunch").GetProperty("id").GetInt64();
        var redeem = await client.PostAsJsonAsync($"{Api}/redeem", new { reward_id = lunch });
        Assert.True(redeem.StatusCode == HttpStatusCode.OK, await redeem.Content.ReadAsStringAsync());

        // A's pages heard the engine's notifications as each request committed: the call (30 points and the Welcome
        // and Five Stars badges it unlocked: 60), the award (560), the redemption (260).
        var published = onA.Items;
        Assert.Equal([60L, 560L, 260L], published.Select(n => n.CurrentPoints));
        Assert.Equal(["Five Stars", "Welcome"], (published[0].Achievements ?? []).Select(a => a.Title).Order(StringComparer.Ordinal));
        Assert.Equal((TransactionType.Activity, 30L), (published[0].EntryType!.Value, published[0].EntryPoints));
        Assert.Equal((TransactionType.AdminAward, 500L), (published[1].EntryType!.Value, published[1].EntryPoints));
        Assert.Equal((TransactionType.Redemption, -300L), (published[2].EntryType!.Value, published[2].EntryPoints));

        // B's pages heard the same, in the same order, once each: a second copy of one would have come before the last.
        var heard = await onB.WaitForCountAsync(published.Count, "the agent's page on B");
        var board = await boardOnB.WaitForCountAsync(published.Count, "the leaderboard on B");
        foreach (var copies in new[] { heard, board })
        {
            Assert.Equal(published.Count, copies.Count);
            for (var i = 0; i < published.Count; i++)
            {
                Assert.Equal(published[i] with { Achievements = null }, copies[i] with { Achievements = null });
                Assert.Equal(published[i].Achievements ?? [], copies[i].Achievements ?? []);
            }
        }
    }
}
