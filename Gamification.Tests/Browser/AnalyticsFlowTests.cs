namespace Gamification.Tests.Browser;

/// <summary>
/// A supervisor opens the engagement dashboard in Chromium and sees the demo tenant's figures drawn: KPI numbers
/// above zero and line charts with their paths. The test app runs no scheduled jobs, so the test records a call for
/// Acme's agent 12 (no other browser test uses it) and runs the rollup the Quartz job would run every few minutes.
/// </summary>
public sealed class AnalyticsFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_supervisor_opens_the_engagement_dashboard_and_sees_charts_with_the_demo_data()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        await InScopeAsync(tenantId, (EventIngestion ingestion) => ingestion.IngestAsync(tenantId,
            new IncomingEvent($"analytics-{Guid.NewGuid():N}", ActivityType.CallCompleted, "agent-12", Browser.App.Now, 5),
            CancellationToken.None));
        var rebuilt = await InScopeAsync(tenantId, (AnalyticsRollup rollup) => rollup.RollUpTenantAsync(tenantId));
        Assert.True(rebuilt > 0, "The rollup built no day.");

        await SignInAsync("supervisor@acme.test");
        await Expect(Page.Locator("#nav-analytics-engagement")).ToBeVisibleAsync();
        await OpenAsync("/analytics/engagement");

        await Expect(Page.Locator("#chart-points")).ToHaveAttributeAsync("data-state", "data");
        await Expect(Page.Locator("#analytics-empty")).ToHaveCountAsync(0);
        foreach (var chart in (string[])["#chart-active", "#chart-points", "#chart-badges", "#chart-avg-points"])
        {
            var svg = Page.Locator($"{chart} svg").First;
            await Expect(svg).ToBeVisibleAsync();
            Assert.True(await Page.Locator($"{chart} svg path").CountAsync() > 0, $"{chart} has no line.");
        }
        Assert.True(await Value("#kpi-points") > 0, "No points awarded on the dashboard.");
        Assert.True(await Value("#kpi-people") > 0, "No people in scope on the dashboard.");
        await Expect(Page.Locator("#kpi-updated")).ToContainTextAsync(new Regex("just now|min ago"));

        // One active agent on one day averages 0.0 a day over 30 days, and 0.1 over the last 7.
        await Page.Locator("#range-7").ClickAsync();
        await Expect(Page.Locator("#range-7")).ToHaveAttributeAsync("data-selected", "true");
        await Expect(Page.Locator("#kpi-active")).ToHaveAttributeAsync("data-value", new Regex(@"^(0\.[1-9]|[1-9])"));
        await Expect(Page.Locator("#chart-active")).ToHaveAttributeAsync("data-state", "data");

        // The chart's CSV button downloads the daily figures.
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#chart-points-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // the byte-order mark, as the API's file has
        var csv = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.StartsWith("date,", csv, StringComparison.Ordinal);
        Assert.Contains("points_awarded", csv, StringComparison.Ordinal);
        await ScreenshotAsync("analytics-engagement");

        // The behaviour dashboard ranks the agent among the top earners.
        await Page.Locator("#nav-analytics-behavior").ClickAsync();
        await Expect(Page.Locator("#chart-top-earners")).ToHaveAttributeAsync("data-state", "data");
        await Expect(Page.Locator("#chart-top-earners svg").First).ToBeVisibleAsync();
        await Expect(Page.Locator("#chart-streaks")).ToHaveAttributeAsync("data-state", "data");
        await ScreenshotAsync("analytics-behavior");
        await OpenAsync("/analytics/fair-play");
        await ScreenshotAsync("analytics-fair-play");
    }

    [Fact]
    public async Task An_agent_cannot_open_the_engagement_dashboard()
    {
        await SignInAsync("agent11@acme.test");
        await Page.GotoAsync("/analytics/engagement");

        await Expect(Page.Locator("#engagement-kpis")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#nav-analytics-engagement")).ToHaveCountAsync(0);
    }

    private async Task<double> Value(string selector) =>
        double.Parse(await Page.Locator(selector).GetAttributeAsync("data-value") ?? "0", CultureInfo.InvariantCulture);
}
