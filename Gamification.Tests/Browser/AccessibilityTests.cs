using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

using Gamification.Core.Users;

namespace Gamification.Tests.Browser;

/// <summary>
/// WCAG 2.1 A and AA, checked by axe-core in Chromium on every page of the navigation each role sees, at desktop and at
/// phone width, in light and in dark pages (turned with the app bar's toggle on each page). The pages come from the
/// navigation itself, so a new page is covered without editing this test. The people are walked in two classes, each
/// in a collection of its own (its own app and Chromium), so the two walks run beside each other and beside the other
/// browser tests: the admin's walk alone is as long as the other three people's.
/// </summary>
public abstract class AccessibilityTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    /// <summary>The rule sets of WCAG 2.1 levels A and AA.</summary>
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Every page in <paramref name="email"/>'s navigation, at both widths and in both themes, has no violation.</summary>
    protected async Task WalkAsync(string email)
    {
        // Pages with people on them (boards, podiums, avatars, dashboards), whatever ran before.
        await SeedActivityAsync();
        // The person's own choice of light or dark, starting light and put back to the default (system) afterwards.
        var userId = await Browser.App.UserIdAsync(email);
        await SetThemeAsync(userId, ThemeChoice.Light);
        // Axe measures the settled page, which motion or not is the same (app.css honours reduced motion): with it
        // asked for, the drawer's slide and the theme's fade end at once instead of after up to a second per check.
        await Page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        try
        {
            await SignInAndOpenAsync(email, "/");
            var theme = "light";
            await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", theme);
            var pages = await NavigationAsync();
            Assert.NotEmpty(pages);

            var problems = new List<string>();
            var checkedIn = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in pages)
            {
                // Each page opened once at desktop width, checked there and narrowed to a phone's (the layout reflows in
                // place), then turned to the other theme with the app bar's toggle (as a person does) and checked at the
                // phone's width and widened back. The next page starts in the theme this one ended in. The account pages
                // (static forms, no toggle) take the stored choice: it is changed and the page opened again.
                await Page.SetViewportSizeAsync(1280, 800);
                await VisitAsync(path);
                await ExpectThemeAsync(theme);
                await OpenDisclosuresAsync();
                problems.AddRange(await ViolationsAsync(Page, $"{email} {theme} {path} @1280px"));
                await Page.SetViewportSizeAsync(390, 844);
                problems.AddRange(await ViolationsAsync(Page, $"{email} {theme} {path} @390px"));
                checkedIn.Add($"{path} {theme}");

                theme = theme == "light" ? "dark" : "light";
                if (await Page.Locator("#theme-toggle").CountAsync() == 1)
                {
                    await Page.Locator("#theme-toggle").ClickAsync();
                }
                else
                {
                    await SetThemeAsync(userId, theme == "dark" ? ThemeChoice.Dark : ThemeChoice.Light);
                    await VisitAsync(path);
                }
                await ExpectThemeAsync(theme);
                problems.AddRange(await ViolationsAsync(Page, $"{email} {theme} {path} @390px"));
                await Page.SetViewportSizeAsync(1280, 800);
                problems.AddRange(await ViolationsAsync(Page, $"{email} {theme} {path} @1280px"));
                checkedIn.Add($"{path} {theme}");
            }

            Assert.Equal(pages.Count * 2, checkedIn.Count);
            Assert.True(problems.Count == 0, $"{problems.Count} axe violations:\n" + string.Join("\n", problems));
        }
        finally
        {
            await SetThemeAsync(userId, ThemeChoice.System);
        }
    }

    /// <summary>What a page draws only when asked (the dashboard's My preferences) is opened, so it is checked too.</summary>
    private async Task OpenDisclosuresAsync()
    {
        var closed = Page.Locator("#preferences-toggle[aria-expanded=\"false\"]");
        if (await closed.CountAsync() == 1)
        {
            await closed.ClickAsync();
            await Expect(Page.Locator("#preferences-panel #preferences-theme-system")).ToBeAttachedAsync();
        }
    }

    /// <summary>
    /// The page shows <paramref name="theme"/>: the app's pages say so on #main, the account pages on their shell. The
    /// wallboard is dark for everyone (a screen on the wall), so it has neither.
    /// </summary>
    private async Task ExpectThemeAsync(string theme)
    {
        if (await Page.Locator(".account-shell").CountAsync() == 1)
        {
            await Expect(Page.Locator(".account-shell")).ToHaveClassAsync(new Regex($"\\btheme-{theme}\\b"));
        }
        else if (await Page.Locator(".wallboard-shell").CountAsync() == 0)
        {
            await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", theme);
        }
    }

    private Task<int> SetThemeAsync(string userId, ThemeChoice theme) =>
        Browser.App.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Theme, theme)));

    /// <summary>Today's calls for Acme agents 3 and 4 (a perfect one each, which also unlocks badges), once per test.</summary>
    private async Task SeedActivityAsync()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        await using var scope = Browser.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(tenantId, null);
        var ingestion = scope.ServiceProvider.GetRequiredService<EventIngestion>();
        foreach (var (agent, rating) in new[] { ("agent-03", 5), ("agent-04", 5), ("agent-04", 3) })
        {
            await ingestion.IngestAsync(tenantId, new IncomingEvent($"axe-{Guid.NewGuid():N}", ActivityType.CallCompleted, agent, Browser.App.Now, rating),
                CancellationToken.None);
        }
    }

    /// <summary>Opens <paramref name="path"/>: the account pages are static forms, every other page waits until interactive.</summary>
    private async Task VisitAsync(string path)
    {
        if (path.StartsWith("/Account/", StringComparison.OrdinalIgnoreCase))
        {
            await Page.GotoAsync(path);
        }
        else
        {
            await OpenAsync(path);
        }
    }

    /// <summary>Every page the navigation links to (and My account), as paths.</summary>
    private async Task<IReadOnlyList<string>> NavigationAsync()
    {
        var hrefs = await Page.Locator("#nav a[href]").EvaluateAllAsync<string[]>(
            "links => links.map(a => new URL(a.href).pathname)");
        return [.. hrefs.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Two frames have been drawn since the last change, no finite animation or transition is running (mid-fade colours
    /// are a blend, not the theme's) and no indeterminate progress bar or spinner says the page is still loading. An
    /// endless animation (the wallboard's live dot) or a slow one (its 15-second rotation bar) is part of the page, not
    /// a change on its way: it does not count.
    /// </summary>
    private const string Settled = """
        new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(
            document.getAnimations().every(a => a.playState !== 'running'
                || a.effect?.getComputedTiming().iterations === Infinity || a.effect?.getComputedTiming().duration > 2000)
            && !document.querySelector('#main .mud-progress-indeterminate')))))
        """;

    /// <summary>The page's WCAG 2.1 A/AA violations, one line per element: rule, impact, what to fix, where.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string where)
    {
        // Let the layout, transitions and live data settle, so axe sees the page as a person does.
        Assert.True(await WaitUntilTrueAsync(page, Settled, timeoutMs: 10_000), $"{where}: still loading or moving after 10 s.");
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            // Only the violations come back with their elements (axe skips locating every passing one).
            ResultTypes = [ResultType.Violations],
        });
        return [.. result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{where}: {v.Id} ({v.Impact}) {v.Help} at {n.Target} — {Shorten(n.Html)} — {Why(n)}"))];
    }

    private static string Why(AxeResultNode node) =>
        string.Join(" ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).Take(2));

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}

/// <summary>The axe walk for the admin (the most pages) and the platform operator.</summary>
[Collection(AxeCollections.Admins)]
public sealed class AdminAccessibilityTests(BrowserAppFixture browser) : AccessibilityTests(browser)
{
    public static TheoryData<string> People => new() { "admin@acme.test", "operator@platform.test" };

    [Theory]
    [MemberData(nameof(People))]
    public Task Every_page_in_the_navigation_has_no_axe_violations_at_desktop_and_phone_width_in_light_and_dark(string email) =>
        WalkAsync(email);
}

/// <summary>The axe walk for an agent and a supervisor, and the sign-in page.</summary>
[Collection(AxeCollections.Agents)]
public sealed class AgentAccessibilityTests(BrowserAppFixture browser) : AccessibilityTests(browser)
{
    public static TheoryData<string> People => new() { "agent03@acme.test", "supervisor@acme.test" };

    [Theory]
    [MemberData(nameof(People))]
    public Task Every_page_in_the_navigation_has_no_axe_violations_at_desktop_and_phone_width_in_light_and_dark(string email) =>
        WalkAsync(email);

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task The_sign_in_page_has_no_axe_violations(ColorScheme scheme)
    {
        // Signed out, the page follows the device's setting.
        await Page.EmulateMediaAsync(new() { ColorScheme = scheme });
        await Page.GotoAsync("/Account/Login");

        var problems = await ViolationsAsync(Page, $"/Account/Login ({scheme})");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
