using Gamification.Core.Points;
using Gamification.Core.Rewards;

namespace Gamification.Tests.Browser;

/// <summary>
/// The day's work with the keyboard only (Tab, Shift+Tab, Enter, Space, typing), each focused control showing a
/// visible focus ring: an agent redeems a reward, an admin approves the redemption and awards points, a supervisor
/// dismisses a fair-play flag. Uses Acme agent 16, which no other browser test touches.
/// </summary>
public sealed class KeyboardFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string AgentEmail = "agent16@acme.test";

    [Fact]
    public async Task An_agent_redeems_and_an_admin_approves_and_awards_points_with_the_keyboard_only()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var agentId = await Browser.App.UserIdAsync(AgentEmail);
        var name = $"Keys lunch {Guid.NewGuid():N}"[..16];
        var reward = await InScopeAsync(tenantId, (RewardService s) => s.CreateAsync(
            new RewardInput(name, "Lunch, redeemed from the keyboard.", null, RewardCategory.Experience, 120, 5, false, true, 30, "Show KEY-{code}", null,
                RewardLimitPeriod.Ever), null));
        IPage? admin = null;
        try
        {
            await InScopeAsync(tenantId, (PointsEngine engine) => engine.AwardAsync(tenantId,
                new PointsGrant(agentId, TransactionType.AdminAward, 500, "Browser test: points for the keyboard shop"), CancellationToken.None));

            // The agent: Tab to the reward's Redeem button, Enter; Tab to Confirm in the dialog, Enter.
            await SignInAndOpenAsync(AgentEmail, "/rewards");
            await Expect(Page.Locator($"[data-testid=\"reward-card-{reward.Id}\"]")).ToBeVisibleAsync();
            await TabToAsync(Page, $"[data-testid=\"redeem-{reward.Id}\"]");
            await Page.Keyboard.PressAsync("Enter");
            await Expect(Page.Locator("[data-testid=\"confirm-redeem\"]")).ToBeVisibleAsync();
            await WaitForDialogFocusAsync(Page);
            await TabToAsync(Page, "[data-testid=\"confirm-redeem\"]");
            await Page.Keyboard.PressAsync("Enter");
            var redemptionId = await WaitForRedemptionAsync(tenantId, agentId, reward.Id);

            // The admin: the queue filtered to the reward, Tab to Approve, Enter.
            admin = await Browser.NewPageAsync();
            await SignInOnAsync(admin, "admin@acme.test");
            await admin.GotoAsync($"/admin/redemptions?reward={reward.Id}");
            await Expect(admin.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();
            var queued = admin.Locator($"[data-testid=\"queue-row-{redemptionId}\"]");
            await Expect(queued).ToHaveAttributeAsync("data-status", "pending");
            await TabToAsync(admin, $"[data-testid=\"approve-{redemptionId}\"]");
            await admin.Keyboard.PressAsync("Enter");
            await Expect(queued).ToHaveAttributeAsync("data-status", "approved");

            // Then awards the agent 40 points from their record: Tab to "Award points", type the amount and reason, submit.
            var before = await CurrentPointsAsync(tenantId, agentId);
            await admin.GotoAsync($"/people/{Uri.EscapeDataString(agentId)}");
            await Expect(admin.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();
            await TabToAsync(admin, "#person-award");
            await admin.Keyboard.PressAsync("Enter");
            await Expect(admin.Locator("#points-dialog")).ToBeVisibleAsync();
            await WaitForDialogFocusAsync(admin);
            await TabToAsync(admin, "#points-amount");
            await admin.Keyboard.TypeAsync("40");
            await TabToAsync(admin, "#points-reason");
            await admin.Keyboard.TypeAsync("Helped a colleague through a hard call");
            await TabToAsync(admin, "#points-submit");
            await admin.Keyboard.PressAsync("Enter");
            await Expect(admin.Locator("#points-result")).ToBeVisibleAsync();
            Assert.Equal(before + 40, await CurrentPointsAsync(tenantId, agentId));
        }
        finally
        {
            if (admin is not null)
            {
                await admin.Context.CloseAsync();
            }
            await InScopeAsync(tenantId, (RewardService s) => s.SetActiveAsync(reward.Id, false));
        }
    }

    [Fact]
    public async Task A_supervisor_dismisses_a_fair_play_flag_with_the_keyboard_only()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var agentId = await Browser.App.UserIdAsync(AgentEmail);
        var flagId = await Browser.App.AddFlagAsync(tenantId, agentId, FarmingKind.ShortCalls);

        await SignInAndOpenAsync("supervisor@acme.test", "/analytics/fair-play");
        await Expect(Page.Locator($"[data-testid=\"dismiss-{flagId}\"]")).ToBeVisibleAsync();
        await TabToAsync(Page, $"[data-testid=\"dismiss-{flagId}\"]");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#flag-decision-dialog")).ToBeVisibleAsync();
        await WaitForDialogFocusAsync(Page);
        await TabToAsync(Page, "#flag-note");
        await Page.Keyboard.TypeAsync("A busy campaign day, not farming.");
        await TabToAsync(Page, "#flag-decision-save");
        await Page.Keyboard.PressAsync("Enter");

        await Expect(Page.Locator("#flag-decision-dialog")).ToHaveCountAsync(0);
        var status = await Browser.App.WithDbAsync(db => db.FarmingFlags.Where(f => f.Id == flagId).Select(f => f.Status).SingleAsync(), tenantId);
        Assert.Equal(FarmingFlagStatus.Dismissed, status);
    }

    /// <summary>
    /// Presses Tab until the focus is on (or inside) <paramref name="selector"/>, then checks the focus is visible (an
    /// outline drawn around it). Fails when 150 presses never reach it: the control is not reachable by keyboard.
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<bool>(
                "s => { const a = document.activeElement; return !!a && a !== document.body && (a.matches(s) || !!a.closest(s)); }", selector);
            if (focused)
            {
                var ring = await page.EvaluateAsync<string>(
                    "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }");
                Assert.False(ring.StartsWith("none", StringComparison.Ordinal) || ring.EndsWith(" 0px", StringComparison.Ordinal),
                    $"{selector} has focus but no visible focus ring ({ring})");
                return;
            }
        }
        var at = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 200) ?? 'nothing'");
        Assert.Fail($"{selector} was not reached with Tab (focus ended on {at})");
    }

    /// <summary>
    /// Waits until a dialog that has just opened has taken the focus. The dialog's focus trap moves the focus into it
    /// after its first render (a JS call): Tab presses before that move are undone by it, and a later Enter lands on the
    /// dialog itself rather than on the control tabbed to (seen once in CI: the redemption was never confirmed).
    /// </summary>
    private static async Task WaitForDialogFocusAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => !!document.activeElement?.closest('[role=dialog]')", null, new() { Timeout = 10_000 });

    private Task<long> CurrentPointsAsync(Guid tenantId, string userId) =>
        Browser.App.WithDbAsync(db => db.UserPoints.Where(p => p.UserId == userId).Select(p => p.CurrentPoints).SingleAsync(), tenantId);

    private async Task<long> WaitForRedemptionAsync(Guid tenantId, string userId, long rewardId)
    {
        for (var i = 0; i < 100; i++)
        {
            var id = await Browser.App.WithDbAsync(db => db.UserRedemptions.Where(r => r.UserId == userId && r.RewardItemId == rewardId)
                .Select(r => (long?)r.Id).FirstOrDefaultAsync(), tenantId);
            if (id is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The redemption was not stored.");
        return 0;
    }
}
