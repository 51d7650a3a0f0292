namespace Gamification.Tests.Browser;

/// <summary>
/// The agent's points dashboard and app-bar indicator in Chromium: events ingested while the page is open show up
/// without a reload, and a perfect call that crosses a level threshold opens the celebration.
/// </summary>
/// <remarks>
/// Each test uses its own Acme agent (agents 21 to 23, which no other browser test touches), so the shared app's
/// database can hold the points of other tests. Set GAMIFICATION_SCREENSHOTS to a folder to keep screenshots.
/// </remarks>
public sealed class DashboardTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string NoReloadMarker = "window.__pointsDashboardMarker";

    [Fact]
    public async Task Ingested_events_update_the_indicator_and_the_dashboard_without_a_reload()
    {
        await OpenDashboardAsync("agent21@acme.test");
        await Expect(Page.Locator("#dash-empty")).ToBeVisibleAsync();
        await Expect(Page.Locator("#dash-current")).ToHaveAttributeAsync("data-value", "0");
        await Expect(Page.Locator("#indicator-points")).ToHaveAttributeAsync("data-value", "0");
        await Screenshot("dashboard-empty");

        // The first call, a perfect one: 30 activity points, and the Welcome (+10) and Five Stars (+20) badges it
        // unlocks, paid with it (not counted against the daily cap).
        var perfect = await IngestAsync("agent-21", rating: 5);
        Assert.Equal(30, perfect.PointsAwarded);
        Assert.Equal(60, perfect.CurrentPoints);

        await Expect(Page.Locator("#indicator-points")).ToHaveAttributeAsync("data-value", "60");
        await Expect(Page.Locator("#indicator-daily")).ToHaveAttributeAsync("data-value", "30");
        await Expect(Page.Locator("#indicator-streak")).ToHaveAttributeAsync("data-value", Text(perfect.StreakDays));
        await Expect(Page.Locator("#dash-current")).ToHaveAttributeAsync("data-value", "60");
        await Expect(Page.Locator("#dash-lifetime")).ToHaveAttributeAsync("data-value", "60");
        await Expect(Page.Locator("#dash-daily")).ToHaveAttributeAsync("data-value", "30");
        await Expect(Page.Locator("#dash-transactions")).ToContainTextAsync("Badge earned: Five Stars");
        await Expect(Page.Locator("#dash-streak")).ToHaveAttributeAsync("data-value", Text(perfect.StreakDays));
        await Expect(Page.Locator("#dash-level")).ToContainTextAsync("Level 1");
        await Expect(Page.Locator("#dash-transactions")).ToContainTextAsync("Perfect call (5★)");
        await Expect(Page.Locator("#dash-transactions")).ToContainTextAsync("10 × 2 + 10 = 30");
        await Expect(Page.Locator("#dash-empty")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".mud-snackbar").GetByText("+30 Perfect call (5★)")).ToBeVisibleAsync();

        var plain = await IngestAsync("agent-21");
        await Expect(Page.Locator("#dash-current")).ToHaveAttributeAsync("data-value", Text(60 + plain.PointsAwarded));
        await Expect(Page.Locator("#indicator-points")).ToHaveAttributeAsync("data-value", Text(60 + plain.PointsAwarded));
        await Expect(Page.Locator("#dash-transactions tbody tr")).ToHaveCountAsync(4);

        Assert.Equal("still here", await Page.EvaluateAsync<string>(NoReloadMarker));
        await Screenshot("dashboard-live");
    }

    [Fact]
    public async Task A_perfect_call_that_crosses_a_level_threshold_shows_the_celebration()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var userId = await UserIdAsync(tenantId, "agent22@acme.test");
        await OpenDashboardAsync("agent22@acme.test");

        // Just short of the next level: 10 below it, so the perfect call's 30 points cross it.
        var before = await SummaryAsync(tenantId, userId);
        var threshold = before.NextLevelAt ?? throw new InvalidOperationException("Acme has no level 2.");
        await InScopeAsync(tenantId, (PointsEngine engine) => engine.AwardAsync(tenantId,
            new PointsGrant(userId, TransactionType.AdminAward, threshold - before.LifetimePoints - 10, "Welcome bonus"), CancellationToken.None));
        var ready = await SummaryAsync(tenantId, userId);
        Assert.Equal(before.Level, ready.Level);
        await Expect(Page.Locator("#dash-lifetime")).ToHaveAttributeAsync("data-value", Text(ready.LifetimePoints));
        Assert.Equal(0, await Page.Locator("#level-up-celebration").CountAsync());

        var result = await IngestAsync("agent-22", rating: 5);
        Assert.Equal(before.Level + 1, result.LevelUp);

        var celebration = Page.Locator("#level-up-celebration");
        await Expect(celebration).ToBeVisibleAsync();
        await Expect(celebration).ToHaveAttributeAsync("data-level", Text(before.Level + 1));
        await Expect(Page.Locator("#level-up-title")).ToHaveTextAsync($"Level {before.Level + 1}");
        var after = await SummaryAsync(tenantId, userId);
        await Expect(Page.Locator("#level-up-tier")).ToHaveTextAsync($"{after.LevelName} tier");
        await Expect(Page.Locator("#level-up-bonus")).ToContainTextAsync("+150");
        await Screenshot("level-up");

        // Escape closes the celebration wherever the focus is (js/a11y.js clicks its close button).
        await Page.Locator("#theme-toggle").FocusAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(celebration).ToHaveCountAsync(0);
        await Expect(Page.Locator("#dash-level")).ToHaveAttributeAsync("data-level", Text(before.Level + 1));
        await Expect(Page.Locator("#dash-current")).ToHaveAttributeAsync("data-value", Text(after.CurrentPoints));
        await Expect(Page.Locator("#dash-daily")).ToHaveAttributeAsync("data-cap", Text(after.DailyCap));
        await Expect(Page.Locator("#dash-transactions")).ToContainTextAsync("level-up bonus");
        Assert.Equal("still here", await Page.EvaluateAsync<string>(NoReloadMarker));

        // Two badges given by hand while the page is open: a card each; Escape closes the newest, then the other.
        var manual = await Browser.App.WithDbAsync(db => db.Badges.IgnoreQueryFilters()
            .Where(b => b.TenantId == tenantId && b.RequirementType == BadgeRequirement.Manual
                && !db.UserBadges.IgnoreQueryFilters().Any(u => u.BadgeId == b.Id && u.UserId == userId))
            .OrderBy(b => b.Id).Select(b => new { b.Id, b.Name }).Take(2).ToListAsync());
        Assert.Equal(2, manual.Count);
        var cards = Page.Locator("#achievement-celebration .achievement-card");
        foreach (var badge in manual)
        {
            await InScopeAsync(tenantId, (BadgeService s) => s.AwardAsync(badge.Id, userId, "Browser test: Escape", null));
            await Expect(cards.Last).ToContainTextAsync(badge.Name);
        }
        await Expect(cards).ToHaveCountAsync(2);
        await Page.Keyboard.PressAsync("Escape");
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards).ToContainTextAsync(manual[0].Name);
        await Page.Keyboard.PressAsync("Escape");
        await Expect(cards).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_agents_home_page_follows_an_ingested_event_without_a_reload()
    {
        await SignInAsync("agent20@acme.test");
        await Expect(Page.Locator("#agent-name")).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await Page.EvaluateAsync($"{NoReloadMarker} = 'still here'");
        await Expect(Page.Locator("#no-activity")).ToBeVisibleAsync();

        await IngestAsync("agent-20", rating: 5);

        await Expect(Page.Locator("#recent-points")).ToContainTextAsync("Perfect call (5★)");
        // 30 for the call, 10 + 20 for the Welcome and Five Stars badges it unlocked.
        await Expect(Page.Locator(".stat-value").First).ToHaveTextAsync("60");
        Assert.Equal("still here", await Page.EvaluateAsync<string>(NoReloadMarker));
    }

    [Fact]
    public async Task The_dashboard_fits_a_phone_and_is_linked_for_agents()
    {
        await Page.SetViewportSizeAsync(390, 844);
        await SignInAsync("agent23@acme.test");
        await Expect(Page.Locator("#agent-dashboard-link")).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await IngestAsync("agent-23", rating: 5);
        await Page.Locator("#agent-dashboard-link").ClickAsync();

        await Expect(Page.Locator("#dash-current")).ToHaveAttributeAsync("data-value", "60");
        await Expect(Page.Locator("#points-indicator")).ToBeVisibleAsync();
        await Expect(Page.Locator("#dash-transactions")).ToContainTextAsync("10 × 2 + 10 = 30");
        var overflow = await Page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a phone screen.");
        await Screenshot("dashboard-phone");
    }

    [Fact]
    public async Task The_ledger_pages_and_filters_by_type_and_the_menu_marks_the_page()
    {
        // Agent 04 (no other browser test signs in as them): 14 awards, 10 entries a page.
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var userId = await UserIdAsync(tenantId, "agent04@acme.test");
        for (var i = 1; i <= 14; i++)
        {
            var reason = $"Ledger award {i:00}";
            await InScopeAsync(tenantId, (PointsEngine engine) => engine.AwardAsync(tenantId,
                new PointsGrant(userId, TransactionType.AdminAward, 1, reason), CancellationToken.None));
        }
        await OpenDashboardAsync("agent04@acme.test");
        var rows = Page.Locator("#dash-transactions tbody tr");
        await Expect(rows).ToHaveCountAsync(10);
        await Expect(rows.First).ToContainTextAsync("Ledger award 14");

        // The pager: MudPagination's buttons and names; the current page is marked.
        var pages = Page.Locator("#dash-pages");
        await Expect(pages.Locator("[aria-current=page]")).ToHaveTextAsync("1");
        await Expect(pages.GetByRole(AriaRole.Button, new() { Name = "Previous page" })).ToBeDisabledAsync();
        await pages.GetByRole(AriaRole.Button, new() { Name = "Page 2", Exact = true }).ClickAsync();
        await Expect(pages.Locator("[aria-current=page]")).ToHaveTextAsync("2");
        await Expect(rows.First).ToContainTextAsync("Ledger award 04");
        await Expect(pages.GetByRole(AriaRole.Button, new() { Name = "Next page" })).ToBeDisabledAsync();
        await pages.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).ClickAsync();
        await Expect(rows.First).ToContainTextAsync("Ledger award 14");

        // The type filter is the browser's own select, named by its label.
        var filter = Page.GetByLabel("Type", new() { Exact = true });
        await Expect(filter).ToHaveValueAsync("all");
        await filter.SelectOptionAsync(nameof(TransactionType.Decay));
        await Expect(Page.Locator("#dash-no-match")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(0);
        await filter.SelectOptionAsync(nameof(TransactionType.AdminAward));
        await Expect(rows).ToHaveCountAsync(10);
        await Expect(pages.Locator("[aria-current=page]")).ToHaveTextAsync("1");
        await filter.SelectOptionAsync("all");
        await Expect(rows.First).ToContainTextAsync("Ledger award 14");
        await Screenshot("dashboard-ledger");

        // The menu marks the page one is on, and follows navigation.
        await Expect(Page.Locator("#nav-dashboard")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Page.Locator("#nav-badges")).Not.ToHaveAttributeAsync("aria-current", "page");
        await Page.Locator("#nav-badges").ClickAsync();
        await Expect(Page.Locator("#nav-badges")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Page.Locator("#nav-dashboard")).Not.ToHaveAttributeAsync("aria-current", "page");
        Assert.Equal("still here", await Page.EvaluateAsync<string>(NoReloadMarker));

        // The theme toggle's tip (drawn by CSS) shows on hover; Escape hides it where the pointer stays (WCAG 1.4.13).
        const string TipShown = "() => getComputedStyle(document.querySelector('#theme-toggle').closest('.css-tip'), '::after').visibility === 'visible'";
        const string TipHidden = "() => getComputedStyle(document.querySelector('#theme-toggle').closest('.css-tip'), '::after').visibility === 'hidden'";
        await Page.Locator("#theme-toggle").HoverAsync();
        await Page.WaitForFunctionAsync(TipShown);
        // axe does not look at generated content: the tip's own contrast, in light and in dark pages (MudTooltip's colours).
        Assert.True(await TipContrastAsync() >= 4.5, "The tip's text must stand out from its background (4.5:1) in light pages.");
        await Page.Keyboard.PressAsync("Escape");
        await Page.WaitForFunctionAsync(TipHidden);
        await Page.Locator("#theme-toggle").ClickAsync();
        await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", "dark");
        await Page.Locator("#nav-badges").HoverAsync();
        await Page.Locator("#theme-toggle").HoverAsync();
        await Page.WaitForFunctionAsync(TipShown);
        Assert.True(await TipContrastAsync() >= 4.5, "The tip's text must stand out from its background (4.5:1) in dark pages.");
        await Page.Locator("#theme-toggle").ClickAsync();
        await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", "light");
    }

    /// <summary>The WCAG contrast ratio of the theme toggle's tip: its text colour against its background.</summary>
    private async Task<double> TipContrastAsync()
    {
        var colours = await Page.EvaluateAsync<string[]>(
            "() => { const s = getComputedStyle(document.querySelector('#theme-toggle').closest('.css-tip'), '::after'); return [s.color, s.backgroundColor]; }");
        static double Luminance(string css)
        {
            var parts = System.Text.RegularExpressions.Regex.Matches(css, @"[\d.]+").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            static double Channel(double c) => (c /= 255) <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            return 0.2126 * Channel(parts[0]) + 0.7152 * Channel(parts[1]) + 0.0722 * Channel(parts[2]);
        }
        var (a, b) = (Luminance(colours[0]), Luminance(colours[1]));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private async Task OpenDashboardAsync(string email)
    {
        await SignInAsync(email);
        await Expect(Page.Locator("#agent-name")).ToBeVisibleAsync();
        await OpenAsync("/dashboard/gamification");
        // The dashboard says it is live once its circuit listens to the notifier.
        await Expect(Page.Locator("#dash-live")).ToBeVisibleAsync();
        await Expect(Page.Locator("#nav-dashboard")).ToBeVisibleAsync();
        await Page.EvaluateAsync($"{NoReloadMarker} = 'still here'");
    }

    /// <summary>The same path as POST /events: the Core ingestion service, in a scope of the running app.</summary>
    private async Task<ActivityResult> IngestAsync(string agentId, int? rating = null)
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        return await InScopeAsync(tenantId, (EventIngestion ingestion) => ingestion.IngestAsync(tenantId,
            new IncomingEvent($"dash-{Guid.NewGuid():N}", ActivityType.CallCompleted, agentId, Browser.App.Now, rating),
            CancellationToken.None));
    }

    private Task<PointsSummary> SummaryAsync(Guid tenantId, string userId) =>
        InScopeAsync(tenantId, async (PointsQueries queries) =>
            await queries.GetSummaryAsync(userId) ?? throw new InvalidOperationException($"No summary for {userId}."));

    private Task<string> UserIdAsync(Guid tenantId, string email) =>
        Browser.App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).Id), tenantId);

    private async Task Screenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("GAMIFICATION_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
