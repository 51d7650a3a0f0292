using Gamification.Tests.Api;

namespace Gamification.Tests.Scale;

/// <summary>
/// Three app instances on one PostgreSQL database and one Redis (GAMIFICATION_TEST_POSTGRES, GAMIFICATION_TEST_REDIS),
/// each with its own container, caches and leaderboard memory, the data-protection keys in the database and no
/// scheduled jobs (they would move points under the tests). Fails, never skips, when either server is missing.
/// </summary>
public sealed class ThreeWritingInstances : IDisposable
{
    private readonly PostgreSqlTestDatabase database;
    private readonly string keys = Path.Combine(Path.GetTempPath(), "gamification-tests", $"keys-{Guid.NewGuid():N}");

    public ThreeWritingInstances()
    {
        // Both first, so that a missing server fails the class before any app starts.
        var redis = new RedisTestServer();
        database = new PostgreSqlTestDatabase();
        var settings = AppInstanceFactory.Shared(database.ConnectionString, keys, redis.Address, RedisTestServer.NewChannel());
        settings["DataProtection:Store"] = "Database";
        // The first migrates and seeds; the others then start on the same database.
        Instances = [.. Enumerable.Range(0, 3).Select(_ => new AppInstanceFactory(settings))];
        foreach (var instance in Instances)
        {
            _ = instance.Services;
        }
    }

    public IReadOnlyList<AppInstanceFactory> Instances { get; }

    public AppInstanceFactory A => Instances[0];

    public void Dispose()
    {
        foreach (var instance in Instances.Reverse())
        {
            instance.Dispose();
        }
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
/// Writes spread across three instances as a load balancer would spread them: events for the same agents, redemptions
/// of the same scarce reward, and a leaderboard read on one instance right after a write on another. Each test uses
/// agents of its own, so the class's tests share one database without touching each other's numbers.
/// </summary>
public sealed class ThreeInstancesWritesTests(ThreeWritingInstances cluster) : IClassFixture<ThreeWritingInstances>
{
    private const string Api = "/api/v1/gamification";

    [Fact]
    public async Task Eight_writers_spreading_events_and_resends_across_three_instances_award_each_event_once_up_to_the_exact_cap()
    {
        var acme = await cluster.A.TenantIdAsync(DemoSeeder.AcmeName);
        var key = await IngestionSteps.CreateKeyAsync(cluster.A);
        // 4 agents x 59 plain calls (10 points each: 590 offered against a cap of 500 at level 1), interleaved by agent.
        // 59, not 60: the 60th call of a day earns Marathon Runner (250), whose points would reach level 2 (a cap of 550).
        // Below it an agent's lifetime points stay at 825 (500, and 325 from badges and challenges): level 1 all day.
        var agents = new[] { "agent-01", "agent-02", "agent-03", "agent-04" };
        // The starter challenges start when the demo is seeded, which can be a moment before this test when the class's
        // instances have just started: events stamped the usual five seconds ago would then count in none of them.
        var started = await cluster.A.WithDbAsync(db => db.Challenges.MaxAsync(c => c.StartDate), acme);
        var at = new[] { started!.Value.AddSeconds(1), TestClock.Now.AddSeconds(-5) }.Max();
        var events = Enumerable.Range(0, 236).Select(i => IngestionSteps.Event(agents[i % agents.Length], occurredAt: at)).ToList();
        // Writer w posts to instance w % 3. Every event goes to writer k % 8 and is sent again by writer (k + 1) % 8,
        // which posts to another instance: 472 items, 236 of them duplicates.
        var queues = Enumerable.Range(0, 8).Select(_ => new List<Dictionary<string, object?>>()).ToList();
        for (var k = 0; k < events.Count; k++)
        {
            queues[k % 8].Add(events[k]);
            queues[(k + 1) % 8].Add(events[k]);
        }
        var clients = cluster.Instances.Select(i => i.CreateClient()).ToList();

        var answers = await Task.WhenAll(queues.Select((queue, w) => Task.Run(async () =>
        {
            var items = new List<JsonElement>();
            foreach (var batch in queue.Chunk(10))
            {
                var response = await IngestionSteps.PostAsync(clients[w % 3], IngestionSteps.BatchPath, key, new { events = batch });
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                items.AddRange(body.GetProperty("results").EnumerateArray());
            }
            return items;
        })));

        var results = answers.SelectMany(a => a).ToList();
        Assert.Equal(472, results.Count);
        var statuses = results.GroupBy(r => r.GetProperty("status").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        // Each event once as awarded or capped (and once as a duplicate); 50 awards of 10 fill each agent's 500.
        Assert.Equal(236, statuses.GetValueOrDefault("duplicate"));
        Assert.Equal(4 * 50, statuses.GetValueOrDefault("awarded"));
        Assert.Equal(4 * 9, statuses.GetValueOrDefault("capped"));
        Assert.Equal(0, statuses.GetValueOrDefault("rejected"));
        foreach (var byEvent in results.GroupBy(r => r.GetProperty("event_id").GetString()))
        {
            Assert.Equal(2, byEvent.Count());
            Assert.Single(byEvent, r => r.GetProperty("status").GetString() == "duplicate");
            // The duplicate repeats the first answer's points.
            Assert.Single(byEvent.Select(r => r.GetProperty("points_awarded").GetInt64()).Distinct());
        }

        var today = await cluster.A.WithDbAsync(db => db.ActivityEvents.Where(e => e.EventId == (string)events[0]["event_id"]!)
            .Select(e => e.LocalDate).SingleAsync(), acme);
        foreach (var agent in agents)
        {
            var mine = events.Where(e => (string)e["agent_id"]! == agent).Select(e => (string)e["event_id"]!).Order(StringComparer.Ordinal).ToList();
            var (all, stored, points) = await cluster.A.WithDbAsync(async db =>
            {
                var userId = await db.Users.Where(u => u.ExternalId == agent).Select(u => u.Id).SingleAsync();
                return (
                    await db.PointTransactions.Where(t => t.UserId == userId).OrderBy(t => t.Id).AsNoTracking().ToListAsync(),
                    await db.ActivityEvents.Where(e => e.UserId == userId).Select(e => e.EventId).ToListAsync(),
                    await db.UserPoints.AsNoTracking().SingleAsync(p => p.UserId == userId));
            }, acme);

            var ledger = all.Where(t => t.Type == TransactionType.Activity).ToList();
            // One stored event and one activity ledger row per event id, all on today's local day.
            Assert.Equal(mine, stored.Order(StringComparer.Ordinal));
            Assert.Equal(mine, ledger.Select(t => t.SourceId!).Order(StringComparer.Ordinal));
            Assert.All(ledger, t => Assert.Equal(today, t.LocalDate));
            // 590 offered, exactly 500 (the cap at level 1) awarded: 50 full awards and 9 cut to 0.
            Assert.True(LevelOf(points.LifetimePoints) == 1, string.Join("\n", all.Select(t => $"{t.Type} {t.Points} {t.Reason}")));
            Assert.Equal((825L, 825L), (points.CurrentPoints, points.LifetimePoints));
            Assert.Equal(590, ledger.Sum(t => t.UncappedPoints));
            Assert.Equal(500, ledger.Sum(t => t.Points));
            Assert.Equal(50, ledger.Count(t => t.Points == 10));
            Assert.Equal(9, ledger.Count(t => t.Points == 0));
            Assert.Equal((500, 59, today), (points.DailyPoints, points.TotalCalls, points.DailyDate));
        }
        await using var scope = cluster.A.Services.CreateAsyncScope();
        var check = await scope.ServiceProvider.GetRequiredService<PointsEngine>().CheckLedgerAsync(acme, default);
        Assert.True(check.IsClean, string.Join("; ", check.Mismatches));
    }

    [Fact]
    public async Task A_hundred_redemptions_spread_across_three_instances_never_overdraw_a_balance_or_oversell_the_stock()
    {
        var acme = await cluster.A.TenantIdAsync(DemoSeeder.AcmeName);
        var admin = await cluster.A.ClientForAsync("admin@acme.test");
        // 10 agents with 300 points each can afford 3 redemptions of 100 each (30 in all); the stock holds 25.
        var emails = Enumerable.Range(11, 10).Select(i => $"agent{i:00}@acme.test").ToList();
        var userIds = new List<string>();
        foreach (var email in emails)
        {
            var userId = await cluster.A.UserIdAsync(email);
            userIds.Add(userId);
            var award = await admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = userId, points = 300, reason = "Shop money" });
            Assert.True(award.StatusCode == HttpStatusCode.OK, await award.Content.ReadAsStringAsync());
        }
        var created = await admin.PostAsJsonAsync($"{Api}/admin/rewards", new Dictionary<string, object?>
        {
            ["name"] = "Scarce headset",
            ["description"] = "Only 25 in the cupboard.",
            ["image_url"] = "https://example.test/headset.png",
            ["category"] = "physical",
            ["points_cost"] = 100,
            ["stock"] = 25,
            ["featured"] = false,
            ["requires_approval"] = false,
            ["code_validity_days"] = 10,
            ["redemption_details"] = "Show HS-{code} at the desk",
            ["per_agent_limit"] = null,
            ["limit_period"] = "ever",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var reward = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        // Each agent's token (issued by one instance) on a client of every instance.
        var clients = new List<HttpClient[]>();
        for (var a = 0; a < emails.Count; a++)
        {
            var token = (await GamificationAppFactory.TokenAsync(cluster.Instances[a % 3].CreateClient(), emails[a])).GetProperty("access_token").GetString();
            clients.Add([.. cluster.Instances.Select(i =>
            {
                var client = i.CreateClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return client;
            })]);
        }

        // Request r: agent r % 10 on instance r % 3, all at once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(r => Task.Run(async () =>
        {
            var response = await clients[r % 10][r % 3].PostAsJsonAsync($"{Api}/redeem", new { reward_id = reward });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (Agent: r % 10, response.StatusCode, Type: response.Content.Headers.ContentType?.MediaType, Body: body);
        })));

        var succeeded = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Equal(25, succeeded.Count);
        Assert.All(succeeded, r => Assert.Equal(100, r.Body.GetProperty("points_spent").GetInt64()));
        // Every refusal is a problem: not enough points (400, naming points) or sold out (409).
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        Assert.Equal(75, refused.Count);
        foreach (var r in refused)
        {
            Assert.True(r.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{r.StatusCode}: {r.Body}");
            Assert.Equal("application/problem+json", r.Type);
            Assert.Equal((int)r.StatusCode, r.Body.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(r.Body.GetProperty("title").GetString()));
            if (r.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.True(r.Body.GetProperty("errors").TryGetProperty("points", out _), r.Body.ToString());
            }
        }
        // The stock ran out, so some refusals say so.
        Assert.Contains(refused, r => r.StatusCode == HttpStatusCode.Conflict);

        var (stock, redemptions, balances, spent) = await cluster.A.WithDbAsync(async db => (
            await db.RewardItems.Where(i => i.Id == reward).Select(i => i.Stock).SingleAsync(),
            await db.UserRedemptions.Where(r => r.RewardItemId == reward).Select(r => new { r.UserId, r.PointsSpent }).ToListAsync(),
            await db.UserPoints.Where(p => userIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, p => p.CurrentPoints),
            await db.PointTransactions.Where(t => userIds.Contains(t.UserId) && t.Type == TransactionType.Redemption).Select(t => new { t.UserId, t.Points }).ToListAsync()), acme);
        Assert.Equal(0, stock);
        Assert.Equal(25, redemptions.Count);
        Assert.Equal(25, spent.Count);
        Assert.All(spent, t => Assert.Equal(-100, t.Points));
        for (var a = 0; a < emails.Count; a++)
        {
            // What each agent was told is what was stored: their successes, a redemption and a -100 entry each.
            var wins = succeeded.Count(r => r.Agent == a);
            Assert.InRange(wins, 0, 3);
            Assert.Equal(wins, redemptions.Count(r => r.UserId == userIds[a]));
            Assert.Equal(wins, spent.Count(t => t.UserId == userIds[a]));
            Assert.Equal(300 - (100 * wins), balances[userIds[a]]);
        }
        Assert.Equal(3000 - 2500, balances.Values.Sum());
        await using var scope = cluster.A.Services.CreateAsyncScope();
        var check = await scope.ServiceProvider.GetRequiredService<PointsEngine>().CheckLedgerAsync(acme, default);
        Assert.True(check.IsClean, string.Join("; ", check.Mismatches));
    }

    [Fact]
    public async Task A_leaderboard_read_on_one_instance_shows_an_event_ingested_on_another_in_the_very_next_read()
    {
        var acme = await cluster.A.TenantIdAsync(DemoSeeder.AcmeName);
        var key = await IngestionSteps.CreateKeyAsync(cluster.A);
        var a = cluster.Instances[0].CreateClient();
        var b = await cluster.Instances[1].ClientForAsync("agent22@acme.test");
        var userId = await cluster.A.UserIdAsync("agent22@acme.test");
        // A first call (it unlocks the Welcome badge), then B reads the board, so B's memory holds it.
        Assert.Equal(HttpStatusCode.OK, (await IngestionSteps.PostAsync(a, IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-22"))).StatusCode);
        var before = await OwnRowPointsAsync(b);
        var entries = await cluster.A.WithDbAsync(db => db.PointTransactions.CountAsync(t => t.UserId == userId), acme);

        // A second plain call through A: 10 points, nothing unlocked.
        var call = await IngestionSteps.PostAsync(a, IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-22"));
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.Equal(10, (await call.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("points_awarded").GetInt64());
        var after = await OwnRowPointsAsync(b);

        Assert.Equal(entries + 1, await cluster.A.WithDbAsync(db => db.PointTransactions.CountAsync(t => t.UserId == userId), acme));
        Assert.Equal(20, before);
        Assert.Equal(before + 10, after);
    }

    private static async Task<long> OwnRowPointsAsync(HttpClient client)
    {
        var board = await client.GetFromJsonAsync<JsonElement>($"{Api}/leaderboard?period=daily");
        return board.GetProperty("user_rank").GetProperty("points").GetInt64();
    }

    /// <summary>The default levels (RULES.md, Levels): level N starts at (N - 1) x 1000 lifetime points.</summary>
    private static int LevelOf(long lifetime) => (int)Math.Min(10, (lifetime / 1000) + 1);
}
