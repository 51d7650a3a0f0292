using Gamification.Core.Badges;
using Gamification.Core.Points;
using Gamification.Core.Rewards;
using Gamification.Core.Users;

namespace Gamification.Tests.Browser;

/// <summary>
/// WCAG 2.1 A and AA (axe-core in Chromium) inside the dialogs people work in and on the celebration overlay, in light
/// and dark pages: redeem (agent), a badge's celebration (agent), reject a redemption, the badge editor, award or revoke
/// points and the farming thresholds (admin), and dismiss a fair-play flag (supervisor). The page-by-page walk
/// (<see cref="AccessibilityTests"/>) sees each page as it opens; these are what opens on top of them. Uses Acme agent
/// 16: it gets one point and spends it. Runs in the agents' axe collection (its own app), after or before that walk.
/// </summary>
[Collection(AxeCollections.Agents)]
public sealed class DialogAccessibilityTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string AgentEmail = "agent16@acme.test";

    [Theory]
    [InlineData(ThemeChoice.Light)]
    [InlineData(ThemeChoice.Dark)]
    public async Task Dialogs_and_the_celebration_have_no_axe_violations(ThemeChoice theme)
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var agentId = await Browser.App.UserIdAsync(AgentEmail);
        string[] people = [AgentEmail, "admin@acme.test", "supervisor@acme.test"];
        var ids = new List<string>();
        foreach (var email in people)
        {
            ids.Add(await Browser.App.UserIdAsync(email));
        }
        var name = $"Axe mug {Guid.NewGuid():N}"[..14];
        var reward = await InScopeAsync(tenantId, (RewardService s) => s.CreateAsync(
            new RewardInput(name, "A mug, checked by axe.", null, RewardCategory.Physical, 1, 5, false, true, 30, "Show {code}", null,
                RewardLimitPeriod.Ever), null));
        var badge = await InScopeAsync(tenantId, (BadgeService s) => s.CreateAsync(new BadgeInput(
            $"axe_{Guid.NewGuid():N}"[..12], $"Axe star {theme}", "Given by hand to check the celebration.", BadgeCategory.Social, BadgeRarity.Rare,
            BadgeRequirement.Manual, 0, 0, "star")));
        // A kind no other browser test raises for this agent (KeyboardFlowTests leaves its short-calls flag dismissed).
        var flagId = await Browser.App.AddFlagAsync(tenantId, agentId, FarmingKind.SuddenJump);
        var problems = new List<string>();
        IPage? admin = null, supervisor = null;
        await SetThemesAsync(ids, theme);
        try
        {
            // The agent (given the point the mug costs): the redeem dialog, then (confirmed) the celebration of a badge
            // given while the page is open.
            await InScopeAsync(tenantId, (PointsEngine engine) => engine.AwardAsync(tenantId,
                new PointsGrant(agentId, TransactionType.AdminAward, 1, "Browser test: the point an axe-checked mug costs"), CancellationToken.None));
            await SignInAndOpenAsync(AgentEmail, "/rewards");
            await Page.Locator($"[data-testid=\"redeem-{reward.Id}\"]").ClickAsync();
            await Expect(Page.Locator("[data-testid=\"confirm-redeem\"]")).ToBeVisibleAsync();
            problems.AddRange(await AccessibilityTests.ViolationsAsync(Page, $"{theme} redeem dialog"));
            await Page.Locator("[data-testid=\"confirm-redeem\"]").ClickAsync();
            await Expect(Page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            // The redemption's toasts come and go on their own (4 s): one fading in or out while axe runs would be
            // measured half-way (a blend of colours, not the theme's). They are let go before the celebration, so the
            // check sees the overlay, not a race with a toast that arrived late (it did on a loaded machine).
            var toasts = Page.Locator(".mud-snackbar", new() { HasText = name });
            await Expect(toasts.First).ToBeVisibleAsync();
            await Expect(toasts).ToHaveCountAsync(0);
            await InScopeAsync(tenantId, (BadgeService s) => s.AwardAsync(badge.Id, agentId, "Checked by axe", null));
            await Expect(Page.Locator("#achievement-celebration")).ToBeVisibleAsync();
            // Any toast the badge brings is let finish its fade-in.
            Assert.True(await WaitUntilTrueAsync(Page,
                "[...document.querySelectorAll('.mud-snackbar')].every(s => s.getAnimations({ subtree: true }).every(a => a.playState !== 'running'))"),
                "The toasts were still animating after 5 s.");
            problems.AddRange(await AccessibilityTests.ViolationsAsync(Page, $"{theme} badge celebration"));
            var redemptionId = await Browser.App.WithDbAsync(db => db.UserRedemptions
                .Where(r => r.UserId == agentId && r.RewardItemId == reward.Id).Select(r => r.Id).SingleAsync(), tenantId);

            // The admin: reject a redemption, the badge editor, award or revoke points, the farming thresholds (editable).
            admin = await SignedInPageAsync("admin@acme.test");
            await OpenOnAsync(admin, $"/admin/redemptions?reward={reward.Id}");
            await admin.Locator($"[data-testid=\"reject-{redemptionId}\"]").ClickAsync();
            await Expect(admin.Locator("[data-testid=\"confirm-reject\"]")).ToBeVisibleAsync();
            problems.AddRange(await AccessibilityTests.ViolationsAsync(admin, $"{theme} reject dialog"));
            await admin.Locator("[data-testid=\"reject-reason\"]").FillAsync("Checked by axe");
            await admin.Locator("[data-testid=\"confirm-reject\"]").ClickAsync();
            await Expect(admin.Locator($"[data-testid=\"queue-row-{redemptionId}\"]")).ToHaveAttributeAsync("data-status", "rejected");

            await OpenOnAsync(admin, "/admin/badges");
            await admin.Locator("#badge-add").ClickAsync();
            await Expect(admin.Locator(".mud-dialog")).ToBeVisibleAsync();
            problems.AddRange(await AccessibilityTests.ViolationsAsync(admin, $"{theme} badge editor"));
            await CloseDialogAsync(admin);

            await OpenOnAsync(admin, $"/people/{Uri.EscapeDataString(agentId)}");
            await admin.Locator("#person-award").ClickAsync();
            await Expect(admin.Locator("#points-dialog")).ToBeVisibleAsync();
            problems.AddRange(await AccessibilityTests.ViolationsAsync(admin, $"{theme} award or revoke points"));
            await CloseDialogAsync(admin);

            await OpenOnAsync(admin, "/analytics/fair-play");
            await admin.Locator("#flags-thresholds").ClickAsync();
            await Expect(admin.Locator("#farming-thresholds-dialog")).ToBeVisibleAsync();
            problems.AddRange(await AccessibilityTests.ViolationsAsync(admin, $"{theme} farming thresholds"));
            await CloseDialogAsync(admin);

            // The supervisor: dismiss a fair-play flag.
            supervisor = await SignedInPageAsync("supervisor@acme.test");
            await OpenOnAsync(supervisor, "/analytics/fair-play");
            await supervisor.Locator($"[data-testid=\"dismiss-{flagId}\"]").ClickAsync();
            await Expect(supervisor.Locator("#flag-decision-dialog")).ToBeVisibleAsync();
            problems.AddRange(await AccessibilityTests.ViolationsAsync(supervisor, $"{theme} dismiss a flag"));
            await CloseDialogAsync(supervisor);

            Assert.True(problems.Count == 0, $"{problems.Count} axe violations:\n" + string.Join("\n", problems));
        }
        finally
        {
            foreach (var page in new[] { admin, supervisor }.OfType<IPage>())
            {
                await page.Context.CloseAsync();
            }
            await SetThemesAsync(ids, ThemeChoice.System);
            await InScopeAsync(tenantId, (RewardService s) => s.SetActiveAsync(reward.Id, false));
            await InScopeAsync(tenantId, (BadgeService s) => s.SetActiveAsync(badge.Id, false));
            await Browser.App.WithDbAsync(db => db.FarmingFlags.Where(f => f.Id == flagId).ExecuteDeleteAsync(), tenantId);
        }
    }

    private Task<int> SetThemesAsync(IReadOnlyList<string> userIds, ThemeChoice theme) =>
        Browser.App.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => userIds.Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Theme, theme)));

    private async Task<IPage> SignedInPageAsync(string email)
    {
        var page = await Browser.NewPageAsync();
        await SignInOnAsync(page, email);
        return page;
    }

    /// <summary>Closes the open dialog with Escape, as a keyboard user would, and waits until it has gone.</summary>
    private static async Task CloseDialogAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }
}
