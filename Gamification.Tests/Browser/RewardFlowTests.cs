namespace Gamification.Tests.Browser;

/// <summary>
/// An agent redeems a reward that needs approval in the shop; an admin, in a second browser, approves it in the
/// queue; the agent's open page shows the issued code in their history without a reload. An admin creates a reward
/// in the catalog, adds stock with a reason and rejects a request with one.
/// </summary>
/// <remarks>
/// Uses Acme's agent 24, which no other browser test touches, and rewards of their own that are deactivated when a
/// test finishes, so other tests' shops never see it. Set GAMIFICATION_SCREENSHOTS to a folder to keep screenshots.
/// </remarks>
public sealed partial class RewardFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string AgentEmail = "agent24@acme.test";

    [Fact]
    public async Task An_agent_redeems_a_reward_needing_approval_and_sees_the_code_live_once_an_admin_approves_it()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var agentId = await Browser.App.WithDbAsync(db => db.Users.Where(u => u.Email == AgentEmail).Select(u => u.Id).SingleAsync(), tenantId);
        var name = $"Browser lunch {Guid.NewGuid():N}"[..20];
        var reward = await InScopeAsync(tenantId, (RewardService s) => s.CreateAsync(
            new RewardInput(name, "Lunch with the team lead.", null, RewardCategory.Experience, 150, 3, false, true, 30, "Show LUNCH-{code} at the canteen", null,
                RewardLimitPeriod.Ever), null));
        IPage? admin = null;
        try
        {
            // Enough points, whatever the demo history gave agent 24.
            await InScopeAsync(tenantId, (PointsEngine engine) => engine.AwardAsync(tenantId,
                new PointsGrant(agentId, TransactionType.AdminAward, 1000, "Browser test: points for the shop"), CancellationToken.None));

            // The agent redeems it in the shop.
            await SignInAndOpenAsync(AgentEmail, "/rewards");
            await Expect(Page.Locator($"[data-testid=\"reward-card-{reward.Id}\"]")).ToBeVisibleAsync();
            await Page.Locator($"[data-testid=\"redeem-{reward.Id}\"]").ClickAsync();
            await Page.Locator("[data-testid=\"confirm-redeem\"]").ClickAsync();

            var redemptionId = await WaitForRedemptionAsync(tenantId, agentId, reward.Id);
            await Page.Locator("[data-testid=\"tab-history\"]").ClickAsync();
            var row = Page.Locator($"[data-testid=\"redemption-row-{redemptionId}\"]");
            await Expect(row).ToHaveAttributeAsync("data-status", "pending");
            await Screenshot(Page, "reward-pending");
            await Page.EvaluateAsync("window.__rewardMarker = 'still here'");

            // An admin approves it in another browser.
            admin = await Browser.NewPageAsync();
            await SignInOnAsync(admin, "admin@acme.test");
            await admin.GotoAsync("/admin/rewards");
            await Expect(admin.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();
            var catalogRow = admin.Locator("#rewards-table tbody tr", new() { HasText = name });
            await Expect(catalogRow.Locator(".reward-stock")).ToHaveTextAsync("2");
            await Expect(catalogRow).ToContainTextAsync("Needs approval");
            await Expect(catalogRow.Locator(".reward-pending")).ToContainTextAsync("1 pending");
            await Screenshot(admin, "reward-catalog");
            await catalogRow.Locator(".reward-pending a").ClickAsync();
            await admin.WaitForURLAsync(new Regex($"/admin/redemptions\\?reward={reward.Id}$"));
            await Expect(admin.Locator("#queue-reward-filter")).ToContainTextAsync(name);
            var queued = admin.Locator($"[data-testid=\"queue-row-{redemptionId}\"]");
            await Expect(queued).ToHaveAttributeAsync("data-status", "pending");
            await Expect(queued).ToContainTextAsync(name);
            await admin.Locator($"[data-testid=\"approve-{redemptionId}\"]").ClickAsync();
            await Expect(queued).ToHaveAttributeAsync("data-status", "approved");
            await Expect(admin.Locator($"[data-testid=\"code-{redemptionId}\"]")).ToHaveTextAsync(CodePattern());
            await Screenshot(admin, "reward-queue-approved");

            // The agent's open page shows the code, without a reload.
            var code = await Browser.App.WithDbAsync(db => db.UserRedemptions.Where(r => r.Id == redemptionId).Select(r => r.RedemptionCode).SingleAsync(), tenantId);
            Assert.NotNull(code);
            await Expect(row).ToHaveAttributeAsync("data-status", "approved");
            await Expect(row).ToContainTextAsync(CodePattern());
            await Expect(row).ToContainTextAsync(code);
            Assert.Equal("still here", await Page.EvaluateAsync<string>("window.__rewardMarker"));
            await Screenshot(Page, "reward-approved");
        }
        finally
        {
            if (admin is not null)
            {
                await admin.Context.CloseAsync();
            }
            // The browser tests share one app: other tests' shops must not offer it.
            await InScopeAsync(tenantId, (RewardService s) => s.SetActiveAsync(reward.Id, false));
        }
    }

    [Fact]
    public async Task An_admin_creates_a_reward_in_the_catalog_adds_stock_and_rejects_a_request_with_a_reason()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var agentId = await Browser.App.WithDbAsync(db => db.Users.Where(u => u.Email == AgentEmail).Select(u => u.Id).SingleAsync(), tenantId);
        var name = $"Browser mug {Guid.NewGuid():N}"[..18];
        long? rewardId = null;
        try
        {
            await OpenAddDialogAsync("admin@acme.test", "/admin/rewards", "reward");
            await Page.Locator("#reward-name").FillAsync(name);
            await Page.Locator("#reward-cost").FillAsync("90");
            await Page.Locator("#reward-unlimited").UncheckAsync();
            await Page.Locator("#reward-stock").FillAsync("3");
            await Page.Locator("#reward-requires-approval").CheckAsync();
            await Page.Locator("#reward-details").FillAsync("Collect MUG-{code} at reception");
            await Expect(Page.Locator("#reward-details-preview")).ToContainTextAsync("Collect MUG-RWD-");
            await Screenshot(Page, "reward-dialog");
            await Page.Locator("#reward-save").ClickAsync();

            await Expect(Page.GetByText($"Reward “{name}” created.")).ToBeVisibleAsync();
            var row = Page.Locator("#rewards-table tbody tr", new() { HasText = name });
            await Expect(row.Locator(".reward-stock")).ToHaveTextAsync("3");
            await Expect(row).ToContainTextAsync("Needs approval");
            rewardId = await Browser.App.WithDbAsync(db => db.RewardItems.Where(r => r.Name == name).Select(r => r.Id).SingleAsync(), tenantId);

            // Two more arrive: added with a reason, kept in the history.
            await row.Locator(".reward-stock-button").ClickAsync();
            await Expect(Page.Locator("#stock-history")).ToContainTextAsync("Created");
            await Page.Locator("#stock-amount").FillAsync("2");
            await Page.Locator("#stock-reason").FillAsync("Second box delivered");
            await Screenshot(Page, "reward-stock-dialog");
            await Page.Locator("#stock-save").ClickAsync();
            await Expect(Page.GetByText($"“{name}” now has 5 in stock.")).ToBeVisibleAsync();
            await Expect(row.Locator(".reward-stock")).ToHaveTextAsync("5");

            // An agent asks for one; the admin rejects it with a reason and the points go back.
            var id = rewardId.Value;
            await InScopeAsync(tenantId, (PointsEngine engine) => engine.AwardAsync(tenantId,
                new PointsGrant(agentId, TransactionType.AdminAward, 200, "Browser test: points for the mug"), CancellationToken.None));
            var before = await Browser.App.WithDbAsync(db => db.UserPoints.Where(p => p.UserId == agentId).Select(p => p.CurrentPoints).SingleAsync(), tenantId);
            var redemption = await InScopeAsync(tenantId, (RewardService s) => s.RedeemAsync(agentId, id, 1));
            await OpenAsync("/admin/redemptions");
            var queued = Page.Locator($"[data-testid=\"queue-row-{redemption.RedemptionId}\"]");
            await Expect(queued).ToHaveAttributeAsync("data-status", "pending");
            await Page.Locator($"[data-testid=\"reject-{redemption.RedemptionId}\"]").ClickAsync();
            await Page.Locator("[data-testid=\"reject-reason\"]").FillAsync("Mugs are for the night shift only");
            await Screenshot(Page, "reward-reject-dialog");
            await Page.Locator("[data-testid=\"confirm-reject\"]").ClickAsync();
            await Expect(queued).ToHaveAttributeAsync("data-status", "rejected");
            await Expect(queued).ToContainTextAsync("Mugs are for the night shift only");
            Assert.Equal(before, await Browser.App.WithDbAsync(db => db.UserPoints.Where(p => p.UserId == agentId).Select(p => p.CurrentPoints).SingleAsync(), tenantId));
            Assert.Equal(5, await Browser.App.WithDbAsync(db => db.RewardItems.Where(r => r.Id == id).Select(r => r.Stock).SingleAsync(), tenantId));
        }
        finally
        {
            rewardId ??= await Browser.App.WithDbAsync(db => db.RewardItems.Where(r => r.Name == name).Select(r => (long?)r.Id).SingleOrDefaultAsync(), tenantId);
            if (rewardId is { } created)
            {
                await InScopeAsync(tenantId, (RewardService s) => s.SetActiveAsync(created, false));
            }
        }
    }

    [GeneratedRegex("RWD-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex CodePattern();

    /// <summary>The redemption the shop just stored (the confirm click returns before the server has answered).</summary>
    private async Task<long> WaitForRedemptionAsync(Guid tenantId, string agentId, long rewardId)
    {
        var until = DateTimeOffset.UtcNow + BrowserAppFixture.Timeout;
        while (true)
        {
            var id = await Browser.App.WithDbAsync(db => db.UserRedemptions
                .Where(r => r.UserId == agentId && r.RewardItemId == rewardId).Select(r => (long?)r.Id).SingleOrDefaultAsync(), tenantId);
            if (id is { } found)
            {
                return found;
            }
            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"The shop stored no redemption of reward {rewardId} for {AgentEmail}.");
            }
            await Task.Delay(200);
        }
    }

    private static async Task Screenshot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GAMIFICATION_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }
}
