namespace Gamification.Tests.Browser;

/// <summary>An agent opens "How points work" from the menu and reads the tenant's live figures and their own level.</summary>
public sealed class HowPointsWorkFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task An_agent_reads_how_points_work_from_the_menu()
    {
        await SignInAndOpenAsync("agent24@acme.test", "/");
        await Page.Locator("#nav-how-points").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/how-points-work$"));
        await Expect(Page.Locator("#how-activity tbody tr")).ToHaveCountAsync(5);
        await Expect(Page.Locator("#how-activity")).ToContainTextAsync("Perfect call");
        await Expect(Page.Locator("#how-levels tbody tr")).ToHaveCountAsync(10);
        await Expect(Page.Locator("#how-fair-play")).ToContainTextAsync("a supervisor reviews every flag");
        await ScreenshotAsync("how-points-work");
    }
}
