using System.Diagnostics;

namespace Gamification.Tests.Browser;

/// <summary>
/// Two app instances on Kestrel, on one PostgreSQL database (GAMIFICATION_TEST_POSTGRES) and one Redis of this class's
/// own (so that the test can stop it and start it again), and a Chromium. Fails, never skips, when PostgreSQL,
/// redis-server or Chromium is missing.
/// </summary>
public sealed class TwoInstancesBrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    private readonly string keys = Path.Combine(Path.GetTempPath(), "gamification-tests", $"keys-{Guid.NewGuid():N}");
    private PostgreSqlTestDatabase? database;
    private PrivateRedisServer? redis;
    private AppInstanceFactory? a;
    private AppInstanceFactory? b;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The Redis both instances use, which the test stops and starts.</summary>
    internal PrivateRedisServer Redis => redis ?? throw NotStarted();

    public AppInstanceFactory A => a ?? throw NotStarted();

    public AppInstanceFactory B => b ?? throw NotStarted();

    public string UrlA { get; private set; } = "";

    public string UrlB { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserAppFixture.ChromiumPath))
        {
            throw new InvalidOperationException($"Browser tests need Chromium at {BrowserAppFixture.ChromiumPath}, and it is missing. Install it (apt-get install chromium).");
        }
        database = new PostgreSqlTestDatabase();
        redis = PrivateRedisServer.StartNew();
        var settings = AppInstanceFactory.Shared(database.ConnectionString, keys, redis.Address, RedisTestServer.NewChannel());
        settings["urls"] = AppInstanceFactory.LoopbackUrls;
        // A migrates and seeds; B then starts on the same database.
        a = new AppInstanceFactory(settings);
        UrlA = a.StartKestrel();
        b = new AppInstanceFactory(settings);
        UrlB = b.StartKestrel();

        playwright = await Playwright.CreateAsync();
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = BrowserAppFixture.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
                Timeout = (float)BrowserAppFixture.Timeout.TotalMilliseconds,
            });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"Chromium at {BrowserAppFixture.ChromiumPath} did not start: {ex.Message}", ex);
        }
        Assertions.SetDefaultExpectTimeout((float)BrowserAppFixture.Timeout.TotalMilliseconds);
    }

    /// <summary>A page in a new browser context whose relative URLs resolve against <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        var context = await (browser ?? throw NotStarted()).NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout((float)BrowserAppFixture.Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)BrowserAppFixture.Timeout.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        // Idempotent: xunit may call this and IAsyncDisposable.DisposeAsync.
        var (chromium, driver, first, second, server, db) = (browser, playwright, a, b, redis, database);
        (browser, playwright, a, b, redis, database) = (null, null, null, null, null, null);
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }
        driver?.Dispose();
        if (second is not null)
        {
            await second.DisposeAsync();
        }
        if (first is not null)
        {
            await first.DisposeAsync();
        }
        server?.Dispose();
        db?.Dispose();
        try
        {
            Directory.Delete(keys, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written, or it is gone already.
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private static InvalidOperationException NotStarted() => new("The fixture has not started.");
}

/// <summary>
/// Several app instances: an agent's page open on instance B follows what is ingested on instance A without a reload,
/// through Redis. With Redis stopped, ingestion on A still answers 200 and B's page shows the points on its next read;
/// once Redis is back, B's page is live again. Agent 07 (no other browser test uses it; this class has its own
/// database anyway).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoInstancesFlowTests(TwoInstancesBrowserFixture instances) : IClassFixture<TwoInstancesBrowserFixture>, IAsyncLifetime
{
    private const string NoReloadMarker = "window.__twoInstancesMarker";
    private const string Agent = "agent07@acme.test";
    private const string AgentId = "agent-07";

    private IPage page = null!;
    private string key = "";

    public async Task InitializeAsync()
    {
        page = await instances.NewPageAsync(instances.UrlB);
        var acme = await instances.A.TenantIdAsync(DemoSeeder.AcmeName);
        await using var scope = instances.A.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(acme, null);
        key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("Dialer of instance A", null)).Key;
    }

    public async Task DisposeAsync()
    {
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_page_on_instance_b_follows_events_ingested_on_instance_a_and_catches_up_after_redis_was_away()
    {
        await SignInOnBAsync();
        await Expect(page.Locator("#indicator-points")).ToHaveAttributeAsync("data-value", "0");
        await page.EvaluateAsync($"{NoReloadMarker} = 'still here'");

        // A perfect call ingested on A: 30 points and the Welcome (+10) and Five Stars (+20) badges it unlocks.
        var first = await IngestOnAAsync(rating: 5);
        Assert.Equal(60, first);
        await Expect(page.Locator("#indicator-points")).ToHaveAttributeAsync("data-value", "60");
        await Expect(page.Locator("#indicator-daily")).ToHaveAttributeAsync("data-value", "30");
        Assert.Equal("still here", await page.EvaluateAsync<string>(NoReloadMarker));

        // Redis goes away: A says so in /health (200, degraded), and still takes events.
        instances.Redis.Stop();
        await WaitForRedisAsync(instances.UrlA, "degraded");
        var second = await IngestOnAAsync();
        Assert.True(second > first, $"The second call left {second} points.");
        // B's page shows them on its next read.
        await page.ReloadAsync();
        await WaitUntilInteractiveAsync();
        await Expect(page.Locator("#indicator-points")).ToHaveAttributeAsync("data-value", Text(second));

        // Redis is back: B's page is live again.
        instances.Redis.Start();
        await WaitForRedisAsync(instances.UrlA, "healthy");
        await WaitForRedisAsync(instances.UrlB, "healthy");
        await page.EvaluateAsync($"{NoReloadMarker} = 'still here'");
        var third = await IngestOnAAsync();
        Assert.True(third > second, $"The third call left {third} points.");
        await Expect(page.Locator("#indicator-points")).ToHaveAttributeAsync("data-value", Text(third));
        Assert.Equal("still here", await page.EvaluateAsync<string>(NoReloadMarker));
    }

    private async Task SignInOnBAsync()
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input\\.Email").FillAsync(Agent);
        await page.Locator("#Input\\.Password").FillAsync(GamificationAppFactory.Password);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("#agent-name")).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
    }

    private Task WaitUntilInteractiveAsync() => Expect(page.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();

    /// <summary>A completed call of agent 07 sent to A's API as the call-center platform would; returns the agent's points after it.</summary>
    private async Task<long> IngestOnAAsync(int? rating = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/gamification/events")
        {
            Content = JsonContent.Create(Gamification.Tests.Api.IngestionSteps.Event(AgentId, rating: rating)),
        };
        request.Headers.Add("X-Api-Key", key);
        using var apiOfA = new HttpClient { BaseAddress = new Uri(instances.UrlA) };
        using var response = await apiOfA.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        var result = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal("awarded", result.GetProperty("status").GetString());
        return result.GetProperty("current_points").GetInt64();
    }

    /// <summary>Waits until the instance's /health reports Redis so (StackExchange.Redis notices a loss and reconnects within seconds).</summary>
    private async Task WaitForRedisAsync(string baseUrl, string expected)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            var status = body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString();
            if (status == expected)
            {
                Assert.Equal(expected, body.GetProperty("status").GetString());
                Assert.Equal("healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
                return;
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"Redis stayed {status} on {baseUrl}, expected {expected}.");
            await Task.Delay(200);
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
