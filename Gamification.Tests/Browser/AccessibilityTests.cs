using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

using Gamification.Core.Users;

namespace Gamification.Tests.Browser;

/// <summary>
/// WCAG 2.1 A and AA, checked by axe-core in Chromium on every page of the navigation each role sees, at desktop and at
/// phone width, in light and in dark pages. The pages come from the navigation itself, so a new page is covered without
/// editing this test.
/// </summary>
public sealed class AccessibilityTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    /// <summary>The rule sets of WCAG 2.1 levels A and AA.</summary>
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static TheoryData<string, ThemeChoice> People => new()
    {
        { "agent03@acme.test", ThemeChoice.Light },
        { "supervisor@acme.test", ThemeChoice.Light },
        { "admin@acme.test", ThemeChoice.Light },
        { "operator@platform.test", ThemeChoice.Light },
        { "agent03@acme.test", ThemeChoice.Dark },
        { "supervisor@acme.test", ThemeChoice.Dark },
        { "admin@acme.test", ThemeChoice.Dark },
        { "operator@platform.test", ThemeChoice.Dark },
    };

    [Theory]
    [MemberData(nameof(People))]
    public async Task Every_page_in_the_navigation_has_no_axe_violations_at_desktop_and_phone_width(string email, ThemeChoice theme)
    {
        // Pages with people on them (boards, podiums, avatars, dashboards), whatever ran before.
        await SeedActivityAsync();
        // The person's own choice of light or dark, put back to the default (system) afterwards.
        var userId = await Browser.App.UserIdAsync(email);
        await SetThemeAsync(userId, theme);
        try
        {
            await SignInAndOpenAsync(email, "/");
            await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", theme == ThemeChoice.Dark ? "dark" : "light");
            var pages = await NavigationAsync();
            Assert.NotEmpty(pages);

            var problems = new List<string>();
            foreach (var path in pages)
            {
                // Each page once, checked at desktop width, then narrowed to a phone's (the layout reflows in place).
                await Page.SetViewportSizeAsync(1280, 800);
                await VisitAsync(path);
                problems.AddRange(await ViolationsAsync(Page, $"{email} {theme} {path} @1280px"));
                await Page.SetViewportSizeAsync(390, 844);
                problems.AddRange(await ViolationsAsync(Page, $"{email} {theme} {path} @390px"));
            }

            Assert.True(problems.Count == 0, $"{problems.Count} axe violations:\n" + string.Join("\n", problems));
        }
        finally
        {
            await SetThemeAsync(userId, ThemeChoice.System);
        }
    }

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

    /// <summary>The page's WCAG 2.1 A/AA violations, one line per element: rule, impact, what to fix, where.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string where)
    {
        // Let the layout, animations and live data settle, so axe sees the page as a person does.
        await page.WaitForTimeoutAsync(400);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        });
        return [.. result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{where}: {v.Id} ({v.Impact}) {v.Help} at {n.Target} — {Shorten(n.Html)} — {Why(n)}"))];
    }

    private static string Why(AxeResultNode node) =>
        string.Join(" ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).Take(2));

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
