namespace Gamification.Tests.Browser;

/// <summary>
/// The fair-play page in Chromium: a supervisor runs "Check now" on a burst of calls, reads the flag's evidence and
/// figures and dismisses it; an admin changes a detection threshold, sees it saved and puts the defaults back.
/// Uses Acme's agent 13, which no other browser test touches.
/// </summary>
public sealed class FairPlayFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string AgentId = "agent-13";

    [Fact]
    public async Task A_supervisor_checks_now_sees_a_burst_flag_with_its_figures_and_dismisses_it()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var agentName = await Browser.App.WithDbAsync(db => db.Users.Where(u => u.ExternalId == AgentId).Select(u => u.DisplayName).SingleAsync(), tenantId);
        // Ten completed calls within 45 seconds, a few minutes ago: a burst by the default thresholds (8 within 2 minutes).
        var start = Browser.App.Now.AddMinutes(-3);
        for (var k = 0; k < 10; k++)
        {
            var at = start.AddSeconds(5 * k);
            var result = await InScopeAsync(tenantId, (EventIngestion ingestion) => ingestion.IngestAsync(tenantId,
                new IncomingEvent($"fair-play-{Guid.NewGuid():N}", ActivityType.CallCompleted, AgentId, at, DurationSeconds: 240), CancellationToken.None));
            Assert.NotEqual(ActivityStatus.Duplicate, result.Status);
        }

        await SignInAndOpenAsync("supervisor@acme.test", "/analytics/fair-play");
        var card = Page.Locator("[data-testid^=\"flag-\"][data-kind=\"Bursts\"]", new() { HasText = agentName });
        await Expect(card).ToHaveCountAsync(0);

        await Page.Locator("#flags-detect").ClickAsync();

        await Expect(Page.Locator(".mud-snackbar", new() { HasText = "new flag" }).First).ToBeVisibleAsync();
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToHaveAttributeAsync("data-status", "open");
        await Expect(card).ToContainTextAsync("Bursts faster than a person can work");
        await Expect(card.Locator(".flag-evidence")).ToContainTextAsync(new Regex("the densest 10 events from"));
        await Expect(Page.Locator("#flags-detect")).ToBeEnabledAsync();
        var flagId = (await card.GetAttributeAsync("data-testid"))!["flag-".Length..];
        var id = long.Parse(flagId, CultureInfo.InvariantCulture);

        await Page.Locator($"#figures-{flagId}").ClickAsync();
        var figures = Page.Locator($"[data-testid=\"figures-table-{flagId}\"]");
        await Expect(figures).ToBeVisibleAsync();
        await Expect(figures.Locator("tr", new() { HasText = "Densest burst events" })).ToContainTextAsync("10");
        await ScreenshotAsync("fair-play-burst-flag");

        await Page.Locator($"[data-testid=\"dismiss-{flagId}\"]").ClickAsync();
        await Expect(Page.Locator("#flag-decision-dialog")).ToBeVisibleAsync();
        await Page.Locator("#flag-note").FillAsync("Test calls while the dialler was being set up");
        await Page.Locator("#flag-decision-save").ClickAsync();
        await Expect(Page.Locator("#flag-decision-dialog")).ToHaveCountAsync(0);
        await Expect(Page.Locator($"[data-testid=\"flag-{flagId}\"]")).ToHaveCountAsync(0);

        await Page.Locator("#status-dismissed").ClickAsync();
        var dismissed = Page.Locator($"[data-testid=\"flag-{flagId}\"]");
        await Expect(dismissed).ToHaveAttributeAsync("data-status", "dismissed");
        await Expect(dismissed).ToContainTextAsync(agentName);
        await Expect(dismissed.Locator(".flag-decision")).ToContainTextAsync("Test calls while the dialler was being set up");
        await ScreenshotAsync("fair-play-dismissed");

        var stored = await Browser.App.WithDbAsync(db => db.FarmingFlags.SingleAsync(f => f.Id == id), tenantId);
        Assert.Equal((FarmingKind.Bursts, FarmingFlagStatus.Dismissed), (stored.Kind, stored.Status));
    }

    [Fact]
    public async Task An_admin_changes_a_threshold_sees_it_saved_and_puts_the_defaults_back()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        try
        {
            await SignInAndOpenAsync("admin@acme.test", "/analytics/fair-play");

            await Page.Locator("#flags-thresholds").ClickAsync();
            var burst = Page.Locator("#threshold-burst_events");
            await Expect(burst).ToHaveValueAsync("8");
            await Expect(Page.Locator("[data-testid=\"threshold-default-burst_events\"]")).ToContainTextAsync("Default: 8 events");
            await Expect(Page.Locator("#threshold-short_calls_min_share")).ToHaveValueAsync("40");

            // A value out of range is refused by the field before it can be saved.
            await burst.FillAsync("1");
            await Expect(Page.Locator("#farming-thresholds-dialog")).ToContainTextAsync("must be from 2 to 1,000 events");
            await Expect(Page.Locator("#thresholds-save")).ToBeDisabledAsync();

            await burst.FillAsync("12");
            await Expect(Page.Locator("#thresholds-save")).ToBeEnabledAsync();
            await ScreenshotAsync("fair-play-thresholds");
            await Page.Locator("#thresholds-save").ClickAsync();
            await Expect(Page.Locator("#farming-thresholds-dialog")).ToHaveCountAsync(0);
            await Expect(Page.Locator(".mud-snackbar", new() { HasText = "The next check uses them" }).First).ToBeVisibleAsync();
            Assert.Equal(12, (await InScopeAsync(tenantId, (FarmingService s) => s.ThresholdsAsync(CancellationToken.None))).BurstEvents);

            // Opened again: the saved value, marked as changed.
            await Page.Locator("#flags-thresholds").ClickAsync();
            await Expect(burst).ToHaveValueAsync("12");
            await Expect(Page.Locator("[data-testid=\"threshold-customized-burst_events\"]")).ToBeVisibleAsync();

            await Page.Locator("#thresholds-reset").ClickAsync();
            await Page.Locator("#thresholds-reset-confirm").ClickAsync();
            await Expect(Page.Locator("#farming-thresholds-dialog")).ToHaveCountAsync(0);
            await Expect(Page.Locator(".mud-snackbar", new() { HasText = "back to their defaults" }).First).ToBeVisibleAsync();
            Assert.Equal(FarmingThresholds.Default, await InScopeAsync(tenantId, (FarmingService s) => s.ThresholdsAsync(CancellationToken.None)));

            await Page.Locator("#flags-thresholds").ClickAsync();
            await Expect(burst).ToHaveValueAsync("8");
            await Expect(Page.Locator("[data-testid^=\"threshold-customized-\"]")).ToHaveCountAsync(0);
        }
        finally
        {
            // The browser tests share one app: leave the defaults for the others.
            await InScopeAsync(tenantId, (FarmingService s) => s.ResetThresholdsAsync(null, CancellationToken.None));
        }
    }
}
