using Gamification.Core.Users;

namespace Gamification.Tests.Browser;

/// <summary>
/// A say over being ranked, as agents meet it: one agent chooses "Hidden" and another "Anonymous" on My points; a
/// colleague's board then leaves the first out, shows the second as "Anonymous agent" without name, avatar or team, and
/// ranks everyone among the people shown; the hidden agent still sees their own place. Uses Acme agents 10, 12 and 13,
/// which no other browser test touches, and puts both choices back to visible at the end.
/// </summary>
public sealed class LeaderboardVisibilityFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string HiddenEmail = "agent10@acme.test";
    private const string AnonymousEmail = "agent12@acme.test";
    private const string ReaderEmail = "agent13@acme.test";

    [Fact]
    public async Task Hidden_and_anonymous_colleagues_on_another_agents_board_page_ranks_among_the_shown()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var hidden = await PersonAsync(tenantId, HiddenEmail);
        var anonymous = await PersonAsync(tenantId, AnonymousEmail);
        try
        {
            // Each makes the choice on their own page: one opens My preferences on the dashboard, the other comes from
            // the board's "Change" link, which opens them.
            await ChooseOnAsync(Page, HiddenEmail, "#preferences-hidden");
            await WaitForChoiceAsync(tenantId, hidden.Id, LeaderboardVisibility.Hidden);
            var other = await Browser.NewPageAsync();
            try
            {
                await ChooseFromTheBoardAsync(other, AnonymousEmail, "#preferences-anonymous");
            }
            finally
            {
                await other.Context.CloseAsync();
            }
            await WaitForChoiceAsync(tenantId, anonymous.Id, LeaderboardVisibility.Anonymous);

            // A colleague's monthly board: every active agent but the hidden one, the anonymous one unnamed.
            var reader = await Browser.NewPageAsync();
            try
            {
                await SignInOnAsync(reader, ReaderEmail);
                await reader.GotoAsync("/leaderboard?period=monthly");
                await Expect(reader.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();
                await Expect(reader.Locator("[data-anonymous=\"true\"]").First).ToBeVisibleAsync();

                Assert.Equal(0, await reader.Locator($"[data-user-id=\"{hidden.Id}\"]").CountAsync());
                Assert.Equal(0, await reader.Locator($"[data-user-id=\"{anonymous.Id}\"]").CountAsync());
                var body = await reader.Locator("#main").InnerTextAsync();
                Assert.DoesNotContain(hidden.Name, body, StringComparison.Ordinal);
                Assert.DoesNotContain(anonymous.Name, body, StringComparison.Ordinal);

                var masked = reader.Locator("[data-testid^=\"lb-row-\"][data-anonymous=\"true\"]");
                Assert.Equal(1, await masked.CountAsync());
                Assert.Contains("Anonymous agent", await masked.InnerTextAsync(), StringComparison.Ordinal);
                Assert.Equal(1, await masked.Locator(".lb-avatar-anonymous").CountAsync());

                // Ranks among the shown: competition ranks over the rows on the page (ties share, the next skips),
                // so the hidden agent takes no place; the monthly board lists every active agent but them.
                var shown = await reader.Locator("[data-testid^=\"lb-row-\"]").EvaluateAllAsync<string[][]>(
                    "rows => rows.map(r => [r.getAttribute('data-rank'), r.getAttribute('data-points')])");
                var activeAgents = await Browser.App.WithDbAsync(db => db.Users.CountAsync(u => u.ExternalId != null && u.IsActive), tenantId);
                Assert.Equal(activeAgents - 1, shown.Length);
                var points = shown.Select(r => long.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
                for (var i = 0; i < shown.Length; i++)
                {
                    var expected = points.Count(p => p > points[i]) + 1;
                    Assert.Equal(expected, int.Parse(shown[i][0], CultureInfo.InvariantCulture));
                }
            }
            finally
            {
                await reader.Context.CloseAsync();
            }

            // The hidden agent still sees their own place, and is told how colleagues see them.
            await SignInAndOpenAsync(HiddenEmail, "/leaderboard?period=monthly");
            await Expect(Page.Locator($"[data-user-id=\"{hidden.Id}\"][data-caller=\"true\"]").First).ToBeVisibleAsync();
            await Expect(Page.Locator("#lb-my-visibility")).ToHaveAttributeAsync("data-visibility", "hidden");
        }
        finally
        {
            await Browser.App.WithDbAsync(async db =>
            {
                foreach (var user in db.Users.Where(u => u.Id == hidden.Id || u.Id == anonymous.Id))
                {
                    user.LeaderboardVisibility = LeaderboardVisibility.Visible;
                }
                return await db.SaveChangesAsync();
            }, tenantId);
        }
    }

    private static async Task ChooseOnAsync(IPage page, string email, string radio)
    {
        await SignInOnAsync(page, email);
        await page.GotoAsync("/dashboard/gamification");
        await Expect(page.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();
        // Closed until opened: the heading's button says so, and the choices are not on the page yet.
        var toggle = page.Locator("#preferences-toggle");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.Locator(radio)).ToHaveCountAsync(0);
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(toggle).ToHaveAttributeAsync("aria-controls", "preferences-panel");
        await ChooseAsync(page, radio);
    }

    /// <summary>The board's "Change" link lands on the dashboard with My preferences open.</summary>
    private static async Task ChooseFromTheBoardAsync(IPage page, string email, string radio)
    {
        await SignInOnAsync(page, email);
        await page.GotoAsync("/leaderboard");
        await Expect(page.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();
        await page.Locator("#lb-change-visibility").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/dashboard/gamification?show=preferences", StringComparison.Ordinal));
        await Expect(page.Locator("#preferences-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        await ChooseAsync(page, radio);
    }

    private static async Task ChooseAsync(IPage page, string radio)
    {
        await Expect(page.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();
        await page.Locator(radio).ClickAsync();
        await Expect(page.Locator("#preferences-error")).ToHaveCountAsync(0);
    }

    private async Task WaitForChoiceAsync(Guid tenantId, string userId, LeaderboardVisibility expected)
    {
        for (var i = 0; i < 100 && await ChoiceAsync(tenantId, userId) != expected; i++)
        {
            await Task.Delay(100);
        }
        Assert.Equal(expected, await ChoiceAsync(tenantId, userId));
    }

    private Task<LeaderboardVisibility> ChoiceAsync(Guid tenantId, string userId) =>
        Browser.App.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LeaderboardVisibility).SingleAsync(), tenantId);

    private Task<(string Id, string Name)> PersonAsync(Guid tenantId, string email) =>
        Browser.App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => new ValueTuple<string, string>(u.Id, u.DisplayName)).SingleAsync(), tenantId);
}
