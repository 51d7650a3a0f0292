using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gamification.Tests.Browser;

/// <summary>
/// The real app on Kestrel on a free loopback port (demo tenants seeded) and one headless Chromium, shared by the
/// tests of a class. Each test opens its own browser context, so cookies never leak from one test to the next.
/// </summary>
/// <remarks>
/// Playwright's own browser download is not used: the tests drive Debian's <c>/usr/bin/chromium</c>. When it is
/// missing the fixture throws, so every browser test fails with that message instead of passing or being skipped.
/// </remarks>
public sealed class BrowserAppFixture : IAsyncLifetime, IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Generous: CI has two cores, and the first circuit of a run starts cold.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private KestrelAppFactory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:40123</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The running app, for tests that want to look at its database.</summary>
    public GamificationAppFactory App => factory ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Browser tests need Chromium at {ChromiumPath}, and it is missing. Install it (apt-get install chromium); " +
                "Playwright's own browser download is not used.");
        }

        factory = new KestrelAppFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The app started without an IServerAddressesFeature: it is not on Kestrel.");
        BaseUrl = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))?.TrimEnd('/')
            ?? throw new InvalidOperationException($"The app listens on no http address ({string.Join(", ", addresses)}).");

        playwright = await Playwright.CreateAsync();
        try
        {
            browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
                Timeout = (float)Timeout.TotalMilliseconds,
            });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"Chromium at {ChromiumPath} did not start: {ex.Message}", ex);
        }
        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
    }

    /// <summary>A page in a new browser context (no cookies) whose relative URLs resolve against <see cref="BaseUrl"/>.
    /// Close it with <c>page.Context.CloseAsync()</c>.</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (browser is null)
        {
            throw new InvalidOperationException("The fixture has not started.");
        }
        var context = await browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Timeout.TotalMilliseconds);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        // Idempotent: xunit may call this and IAsyncDisposable.DisposeAsync.
        var (b, p, f) = (browser, playwright, factory);
        (browser, playwright, factory) = (null, null, null);
        if (b is not null)
        {
            await b.DisposeAsync();
        }
        p?.Dispose();
        if (f is not null)
        {
            await f.DisposeAsync();
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    /// <summary>The app on a real socket: Kestrel, port chosen by the OS on the loopback address.</summary>
    private sealed class KestrelAppFactory : GamificationAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseUrls("http://127.0.0.1:0");
            // Open circuits re-check their user every 2 s instead of the default 30 s, so that the tests of a revoked
            // session (SessionRevocationTests) need not wait half a minute.
            builder.UseSetting("Auth:CircuitRevalidationSeconds", "2");
        }
    }
}
