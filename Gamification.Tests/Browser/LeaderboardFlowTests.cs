namespace Gamification.Tests.Browser;

/// <summary>
/// An open leaderboard follows the tenant's events without a reload: two agents' calls change their order.
/// Uses Acme agents 17 and 18, which no other browser test touches.
/// </summary>
public sealed class LeaderboardFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Two_agents_events_change_the_order_on_an_open_leaderboard_without_a_reload()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var first = await UserIdAsync(tenantId, "agent17@acme.test");
        var second = await UserIdAsync(tenantId, "agent18@acme.test");

        await SignInAndOpenAsync("agent17@acme.test", "/leaderboard?period=weekly");
        await Page.EvaluateAsync("window.__leaderboardMarker = 'still here'");
        // Opening the page counts one view of agent 17 for the supervisors' "leaderboard viewing frequency".
        await WaitForViewsAsync(tenantId, first, 1);

        // agent-18 leads: a perfect call (and the badges it unlocks) against agent-17's plain call.
        await IngestAsync(tenantId, "agent-18", rating: 5);
        await IngestAsync(tenantId, "agent-17");
        var row17 = Page.Locator($"[data-testid^=\"lb-row-\"][data-user-id=\"{first}\"]").First;
        var row18 = Page.Locator($"[data-testid^=\"lb-row-\"][data-user-id=\"{second}\"]").First;
        await Expect(row18).ToBeVisibleAsync();
        await Expect(row17).ToBeVisibleAsync();
        Assert.True(await RankAsync(row18) < await RankAsync(row17), "agent-18 should be ahead");

        // agent-17 catches up and passes: the page reorders by itself.
        for (var i = 0; i < 4; i++)
        {
            await IngestAsync(tenantId, "agent-17", rating: 5);
        }
        await Expect(row17).ToHaveAttributeAsync("data-points", Text(await PointsAsync(tenantId, first)));
        await Expect(row18).ToHaveAttributeAsync("data-points", Text(await PointsAsync(tenantId, second)));
        Assert.True(await RankAsync(row17) < await RankAsync(row18), "agent-17 should now be ahead");
        Assert.Equal("still here", await Page.EvaluateAsync<string>("window.__leaderboardMarker"));
        // Live reloads are not new views.
        Assert.Equal(1, await ViewsAsync(tenantId, first));
    }

    private Task<int> ViewsAsync(Guid tenantId, string userId) =>
        Browser.App.WithDbAsync(db => db.LeaderboardViews.Where(v => v.UserId == userId).SumAsync(v => v.Views), tenantId);

    private async Task WaitForViewsAsync(Guid tenantId, string userId, int expected)
    {
        for (var i = 0; i < 50 && await ViewsAsync(tenantId, userId) < expected; i++)
        {
            await Task.Delay(100);
        }
        Assert.Equal(expected, await ViewsAsync(tenantId, userId));
    }

    private static async Task<int> RankAsync(Microsoft.Playwright.ILocator row) =>
        int.Parse((await row.GetAttributeAsync("data-rank"))!, System.Globalization.CultureInfo.InvariantCulture);

    private Task<long> PointsAsync(Guid tenantId, string userId) =>
        Browser.App.WithDbAsync(db => db.LeaderboardScores
            .Where(s => s.UserId == userId && s.PeriodType == Core.Leaderboards.LeaderboardPeriod.Weekly)
            .OrderByDescending(s => s.PeriodStart).Select(s => s.Points).FirstAsync(), tenantId);

    private async Task IngestAsync(Guid tenantId, string agentId, int? rating = null)
    {
        await using var scope = Browser.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(tenantId, null);
        await scope.ServiceProvider.GetRequiredService<EventIngestion>().IngestAsync(tenantId,
            new IncomingEvent($"lb-{Guid.NewGuid():N}", ActivityType.CallCompleted, agentId, Browser.App.Now, rating), CancellationToken.None);
    }

    private Task<string> UserIdAsync(Guid tenantId, string email) =>
        Browser.App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).Id), tenantId);

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
