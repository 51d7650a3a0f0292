using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using Gamification.Web.Notifications;

using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gamification.Bench;

/// <summary>
/// The app in this process on Kestrel (a free loopback port, a temporary SQLite file, the demo tenants seeded without
/// history, no jobs and no activity simulator: nothing moves points but the bench), as the browser tests host it, and
/// Debian's headless Chromium driven by Playwright. In process so that <c>-- circuits</c> can read the server's managed
/// heap; the only addition is a <see cref="CircuitHandler"/> that counts open circuits (the product exposes nothing).
/// </summary>
internal sealed class LiveApp : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Password = "Demo123!";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Factory factory;
    private readonly IPlaywright playwright;

    private LiveApp(Factory factory, string baseUrl, IPlaywright playwright, IBrowser browser)
    {
        this.factory = factory;
        BaseUrl = baseUrl;
        this.playwright = playwright;
        Browser = browser;
    }

    public string BaseUrl { get; }

    public IBrowser Browser { get; }

    public IServiceProvider Services => factory.Services;

    /// <summary>Blazor circuits open now (connected or kept while disconnected), counted by the bench's handler.</summary>
    public static int OpenCircuits => CircuitCounter.Open;

    /// <summary>The open circuits themselves (for the render-tree census).</summary>
    public static IReadOnlyCollection<Circuit> Circuits => CircuitCounter.All;

    /// <summary>Subscriptions to live notifications open now (every live component holds one or two).</summary>
    public int Subscriptions => Services.GetRequiredService<CircuitNotifier>().SubscriberCount;

    public static async Task<LiveApp> StartAsync(int historyDays = 0)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"This benchmark needs Chromium at {ChromiumPath}, and it is missing: apt-get install chromium. Playwright's own browser download is not used.");
        }
        var factory = new Factory(historyDays);
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The app started without an IServerAddressesFeature: it is not on Kestrel.");
        var baseUrl = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))?.TrimEnd('/')
            ?? throw new InvalidOperationException($"The app listens on no http address ({string.Join(", ", addresses)}).");
        var playwright = await Playwright.CreateAsync();
        IBrowser browser;
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    // Many tabs open at once stay live: a hidden tab's timers are not slowed down.
                    "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
                Timeout = (float)Timeout.TotalMilliseconds,
            });
        }
        catch (PlaywrightException ex)
        {
            playwright.Dispose();
            await factory.DisposeAsync();
            throw new InvalidOperationException($"Chromium at {ChromiumPath} did not start: {ex.Message}", ex);
        }
        return new LiveApp(factory, baseUrl, playwright, browser);
    }

    /// <summary>A new browser context (its own cookies) signed in as <paramref name="email"/> through the sign-in form.</summary>
    public async Task<IBrowserContext> SignedInContextAsync(string email)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(Password);
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        await CloseAsync(page);
        return context;
    }

    /// <summary>Opens <paramref name="path"/> in a new tab of <paramref name="context"/> and waits for its live circuit.</summary>
    public static async Task<IPage> OpenLiveAsync(IBrowserContext context, string path, string liveSelector)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await page.Locator("#main[data-interactive=\"true\"]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.Locator(liveSelector).WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    /// <summary>Closes a tab as a person does: its unload handlers run, so Blazor tells the server the circuit is gone.</summary>
    public static Task CloseAsync(IPage page) => page.CloseAsync(new() { RunBeforeUnload = true });

    /// <summary>An HTTP client that posts events with a new integration key of Acme (created by its admin through the API).</summary>
    public async Task<HttpClient> IntegrationClientAsync()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@acme.test", password = Password });
        token.EnsureSuccessStatusCode();
        var access = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/gamification/admin/api-keys") { Content = JsonContent.Create(new { name = $"live bench {Guid.NewGuid():n}" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var created = await client.SendAsync(request);
        created.EnsureSuccessStatusCode();
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await factory.DisposeAsync();
    }

    private sealed class Factory(int historyDays) : WebApplicationFactory<CircuitNotifier>
    {
        private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "gamification-bench-live", Guid.NewGuid().ToString("n"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // As the browser tests run it (GamificationAppFactory): the "Testing" environment serves the static assets
            // of the build from the project folder.
            builder.UseEnvironment("Testing");
            builder.UseUrls("http://127.0.0.1:0");
            builder.UseSetting("Database:DataDirectory", dataDirectory);
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", "Data Source=bench.db");
            builder.UseSetting("Seed:Demo", "true");
            builder.UseSetting("Seed:DemoPassword", Password);
            builder.UseSetting("Seed:DemoHistoryDays", historyDays.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Banner", "false");
            builder.UseSetting("Demo:SimulateActivity", "false");
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // Every sign-in and post comes from one address: the per-address budgets would refuse the bench.
            builder.UseSetting("RateLimits:TokenRequestsPerMinutePerAddress", "100000");
            builder.UseSetting("RateLimits:TokenRequestsPerMinutePerAccount", "100000");
            builder.UseSetting("RateLimits:FailedSignInsPerMinutePerAddress", "100000");
            builder.UseSetting("RateLimits:FailedKeysPerMinutePerAddress", "100000");
            builder.ConfigureTestServices(services => services.AddScoped<CircuitHandler, CircuitCounter>());
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; it is in the temporary folder.
            }
        }
    }

    private sealed class CircuitCounter : CircuitHandler
    {
        private static readonly ConcurrentDictionary<Circuit, bool> Circuits = new();
        private static int open;

        public static int Open => Volatile.Read(ref open);

        /// <summary>The open circuits (for <see cref="FrameCensus"/>); forgotten as each closes.</summary>
        public static IReadOnlyCollection<Circuit> All => [.. Circuits.Keys];

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref open);
            Circuits[circuit] = true;
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref open);
            Circuits.TryRemove(circuit, out _);
            return Task.CompletedTask;
        }
    }

    /// <summary>The p-th quantile of sorted samples (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
