namespace Gamification.Tests.Browser;

/// <summary>
/// Globex's admin edits the levels (a threshold out of order is refused and nothing is stored; privileges are saved),
/// its agents read their level's privileges and the next level's on the dashboard, and switching a challenge cadence off in the
/// settings marks its challenges' open window as the last in the challenge list. Globex is used so that Acme's flows keep their levels.
/// </summary>
public sealed class LevelsFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Admin_edits_levels_and_the_agent_reads_the_privileges_on_the_dashboard()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.GlobexName);
        var userId = await Browser.App.UserIdAsync("agent01@globex.test");
        var level = (await InScopeAsync(tenantId, (PointsQueries q) => q.GetSummaryAsync(userId)))!.Level;
        var next = level + 1;
        var stamp = Guid.NewGuid().ToString("n")[..8];
        var levelsBefore = await LevelsAsync(tenantId);

        await SignInAndOpenAsync("admin@globex.test", "/admin/levels");
        await Expect(Page.Locator("#levels-table tbody tr")).ToHaveCountAsync(levelsBefore.Count);

        // A threshold at or below the level before it: the field says why, and nothing is stored.
        await Page.Locator($"#level-{next}-privileges").FillAsync($"Not saved {stamp}");
        await Page.Locator("#level-3-threshold").FillAsync("1");
        await Page.Locator("#level-3-threshold").BlurAsync();
        await Page.Locator("#levels-save").ClickAsync();
        await Expect(Page.Locator("#levels-form-error")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Level 3 must start above level 2")).ToBeVisibleAsync();
        Assert.Equal(levelsBefore, await LevelsAsync(tenantId));

        await Page.Locator("#levels-reset").ClickAsync();
        await Expect(Page.Locator("#levels-form-error")).ToHaveCountAsync(0);
        await Page.Locator($"#level-{level}-privileges").FillAsync($"Flexible breaks {stamp}");
        await Page.Locator($"#level-{next}-privileges").FillAsync($"Picks shifts first {stamp}");
        await Page.Locator("#levels-save").ClickAsync();
        await Expect(Page.GetByText("Levels saved.")).ToBeVisibleAsync();

        var saved = await LevelsAsync(tenantId);
        Assert.Equal($"Flexible breaks {stamp}", saved.Single(l => l.Level == level).Privileges);
        Assert.Equal($"Picks shifts first {stamp}", saved.Single(l => l.Level == next).Privileges);
        Assert.Equal(levelsBefore.Select(l => l.PointsTotalRequired), saved.Select(l => l.PointsTotalRequired));
        await ScreenshotAsync("levels-saved");

        await Page.Context.ClearCookiesAsync();
        await SignInAndOpenAsync("agent01@globex.test", "/dashboard/gamification");
        await Expect(Page.Locator("#dash-level-privileges")).ToContainTextAsync($"Flexible breaks {stamp}");
        await Expect(Page.Locator("#dash-next-level-privileges")).ToContainTextAsync($"Next, level {next}");
        await Expect(Page.Locator("#dash-next-level-privileges")).ToContainTextAsync($"Picks shifts first {stamp}");
        await ScreenshotAsync("dashboard-privileges");
    }

    [Fact]
    public async Task Switching_a_cadence_off_in_the_settings_marks_its_challenges_last_window()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.GlobexName);
        var before = await InScopeAsync(tenantId, (TenantSettingsService s) => s.GetAsync());
        Assert.True(before.WeeklyChallenges, "Globex runs the light preset: weekly challenges only.");
        try
        {
            await SignInAndOpenAsync("admin@globex.test", "/admin/challenges");
            var weekly = Page.Locator("#challenges-active tr", new() { HasText = "Weekly" }).First;
            await Expect(weekly).ToBeVisibleAsync();
            await Expect(weekly.Locator(".challenge-paused")).ToHaveCountAsync(0);
            await Expect(weekly.Locator(".challenge-last-window")).ToHaveCountAsync(0);

            await OpenAsync("/admin/settings");
            await Page.Locator("#settings-weekly-challenges").ClickAsync();
            await Page.Locator("#settings-save").ClickAsync();
            await Expect(Page.GetByText("Settings saved.")).ToBeVisibleAsync();
            Assert.False((await InScopeAsync(tenantId, (TenantSettingsService s) => s.GetAsync())).WeeklyChallenges);

            await OpenAsync("/admin/challenges");
            // The window open now runs to its end (progress in it counts); no new one opens after it.
            await Expect(weekly.Locator(".challenge-last-window")).ToHaveTextAsync("Last window");
            await ScreenshotAsync("challenges-paused");
        }
        finally
        {
            // The browser tests share one app: put the switch back for the others.
            await InScopeAsync(tenantId, (TenantSettingsService s) => s.UpdateAsync(new TenantSettingsInput { WeeklyChallenges = true }));
        }
    }

    private Task<IReadOnlyList<LevelView>> LevelsAsync(Guid tenantId) =>
        InScopeAsync(tenantId, (LevelService s) => s.ListAsync());
}
