using System.Security.Claims;

using AngleSharp.Dom;

using Bunit;

using Gamification.Web.Components;
using Gamification.Web.Components.Pages.Rewards;
using Gamification.Web.Notifications;

using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The agents' rewards shop over a real SQLite database, the real rewards service and engine, and the real notifier: the
/// cards say what stands between the agent and each reward, the confirm dialog shows the total and the balance after
/// and redeems, a refusal changes nothing, the code shows at once, and the history follows approvals live.
/// </summary>
public sealed class RewardsShopTests : SqliteFileTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private readonly Guid tenantId = Guid.NewGuid();
    private readonly string agentId = Guid.NewGuid().ToString();
    private readonly string adminId = Guid.NewGuid().ToString();

    public RewardsShopTests()
        : base("rewards-shop")
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        ComponentTestServices.AddPageServices(Services, DatabasePath, Clock);
        var auth = AddAuthorization();
        auth.SetAuthorized("agent@example.test");
        auth.SetRoles(Roles.Agent);
        auth.SetClaims(new Claim(GamificationClaims.TenantId, tenantId.ToString()), new Claim(ClaimTypes.NameIdentifier, agentId));
        // After the services: setting it starts the renderer. The page listens only on a live circuit.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Seed();
        // The circuit's scope acts as the signed-in agent (CurrentTenantCircuitHandler does this in the app).
        Services.GetRequiredService<CurrentTenant>().Set(tenantId, agentId);
    }

    private FakeTimeProvider Clock { get; } = new(Now);

    private CircuitNotifier Notifier => Services.GetRequiredService<CircuitNotifier>();

    [Fact]
    public async Task Each_card_says_what_it_costs_and_what_stands_in_the_way()
    {
        await AwardAsync(1200);
        var coffee = await AddRewardAsync("Coffee voucher", RewardCategory.Discount, 300);
        var headset = await AddRewardAsync("Premium headset", RewardCategory.Physical, 1120, stock: 5);
        var mug = await AddRewardAsync("Team mug", RewardCategory.Physical, 100, stock: 0);
        var swap = await AddRewardAsync("Shift swap", RewardCategory.Digital, 200, limit: 1, period: RewardLimitPeriod.Month);
        var lunch = await AddRewardAsync("Team lunch", RewardCategory.Experience, 400, stock: 3, approval: true, featured: true, limit: 2, period: RewardLimitPeriod.Week);
        // The agent already took this month's shift swap: 1,000 points left.
        await RunAsync<RewardService, RedeemResult>(s => s.RedeemAsync(agentId, swap.Id, 1));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("1000", page.Find("[data-testid=shop-points]").GetAttribute("data-value")));
        Assert.Contains(1000.ToString("N0", CultureInfo.CurrentCulture), page.Find("[data-testid=shop-points]").TextContent, StringComparison.Ordinal);

        // Affordable: Redeem is on, nothing in the way.
        Assert.Equal("redeemable", Card(page, coffee).GetAttribute("data-state"));
        Assert.False(RedeemButton(page, coffee).HasAttribute("disabled"));
        Assert.Equal("Redeem", RedeemButton(page, coffee).TextContent.Trim());
        Assert.Equal("Unlimited", TestText(page, $"reward-stock-{coffee.Id}"));
        Assert.Contains("300", TestText(page, $"reward-cost-{coffee.Id}"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll($"[data-testid=reward-blocker-{coffee.Id}]"));

        // Short by 120 points: disabled, says how many more, and how far along the agent is (1,000 of 1,120).
        Assert.Equal("short", Card(page, headset).GetAttribute("data-state"));
        Assert.True(RedeemButton(page, headset).HasAttribute("disabled"));
        Assert.Equal("You need 120 more points", TestText(page, $"reward-blocker-{headset.Id}"));
        Assert.Equal("89", page.Find($"[data-testid=reward-progress-{headset.Id}]").GetAttribute("data-value"));
        Assert.Equal("5 left", TestText(page, $"reward-stock-{headset.Id}"));

        // Out of stock: disabled "Out of stock", though the agent could afford it.
        Assert.Equal("out-of-stock", Card(page, mug).GetAttribute("data-state"));
        Assert.True(RedeemButton(page, mug).HasAttribute("disabled"));
        Assert.Equal("Out of stock", RedeemButton(page, mug).TextContent.Trim());
        Assert.Equal("Out of stock", TestText(page, $"reward-stock-{mug.Id}"));
        Assert.Empty(page.FindAll($"[data-testid=reward-progress-{mug.Id}]"));

        // Limit reached: disabled, with the limit in words.
        Assert.Equal("limit", Card(page, swap).GetAttribute("data-state"));
        Assert.True(RedeemButton(page, swap).HasAttribute("disabled"));
        Assert.Equal("Limit reached", RedeemButton(page, swap).TextContent.Trim());
        Assert.Equal("Limit reached: 1 per month", TestText(page, $"reward-blocker-{swap.Id}"));
        Assert.Equal("1 per month, 0 left", TestText(page, $"reward-limit-{swap.Id}"));

        // Featured, needs approval, limited stock and a limit not yet used: in the featured section only.
        Assert.Equal("redeemable", Card(page, lunch).GetAttribute("data-state"));
        Assert.NotNull(page.Find("[data-testid=shop-featured]").QuerySelector($"[data-testid=reward-card-{lunch.Id}]"));
        Assert.Null(page.Find("[data-testid=shop-all]").QuerySelector($"[data-testid=reward-card-{lunch.Id}]"));
        Assert.Single(page.FindAll($"[data-testid=redeem-{lunch.Id}]"));
        Assert.Equal("Needs approval", TestText(page, $"reward-approval-{lunch.Id}"));
        Assert.Equal("3 left", TestText(page, $"reward-stock-{lunch.Id}"));
        Assert.Equal("2 per week, 2 left", TestText(page, $"reward-limit-{lunch.Id}"));
        Assert.Empty(page.FindAll($"[data-testid=reward-approval-{coffee.Id}]"));
    }

    [Fact]
    public async Task Trending_rewards_carry_a_mark_that_says_how_often_they_were_redeemed()
    {
        await AwardAsync(1000);
        var coffee = await AddRewardAsync("Coffee voucher", RewardCategory.Discount, 100);
        var mug = await AddRewardAsync("Team mug", RewardCategory.Physical, 100, featured: true);
        var pen = await AddRewardAsync("Pen", RewardCategory.Physical, 100);
        await RunAsync<RewardService, RedeemResult>(s => s.RedeemAsync(agentId, coffee.Id, 1));
        await RunAsync<RewardService, RedeemResult>(s => s.RedeemAsync(agentId, coffee.Id, 3));
        await RunAsync<RewardService, RedeemResult>(s => s.RedeemAsync(agentId, mug.Id, 1));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("true", Card(page, coffee).GetAttribute("data-trending")));
        var coffeeMark = page.Find($"[data-testid=reward-trending-{coffee.Id}]");
        Assert.Equal("Redeemed 2 times in the last 14 days", coffeeMark.GetAttribute("title"));
        Assert.Equal("Trending: Redeemed 2 times in the last 14 days", coffeeMark.TextContent.Trim());
        // The featured mug trends in the featured section.
        Assert.Equal("true", Card(page, mug).GetAttribute("data-trending"));
        Assert.NotNull(page.Find("[data-testid=shop-featured]").QuerySelector($"[data-testid=reward-trending-{mug.Id}]"));
        Assert.Equal("Redeemed once in the last 14 days", page.Find($"[data-testid=reward-trending-{mug.Id}]").GetAttribute("title"));
        // Never redeemed: no mark.
        Assert.Equal("false", Card(page, pen).GetAttribute("data-trending"));
        Assert.Empty(page.FindAll($"[data-testid=reward-trending-{pen.Id}]"));
    }

    [Fact]
    public async Task A_card_shows_an_https_image_and_no_image_for_a_link_stored_before_the_rule()
    {
        var safe = await AddRewardAsync("Safe picture", RewardCategory.Digital, 100);
        var old = await AddRewardAsync("Old picture", RewardCategory.Digital, 100);
        using (var db = NewContext())
        {
            await db.RewardItems.IgnoreQueryFilters().Where(r => r.Id == safe.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.ImageUrl, "https://cdn.example.test/safe.png"));
            await db.RewardItems.IgnoreQueryFilters().Where(r => r.Id == old.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.ImageUrl, "//evil.test/x.png"));
        }

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("https://cdn.example.test/safe.png", Card(page, safe).QuerySelector("img.reward-image")?.GetAttribute("src")));
        Assert.Null(Card(page, old).QuerySelector("img"));
        Assert.NotNull(Card(page, old).QuerySelector(".reward-icon"));
        Assert.DoesNotContain("evil.test", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_category_chips_filter_the_grid()
    {
        await AwardAsync(1000);
        var coffee = await AddRewardAsync("Coffee voucher", RewardCategory.Discount, 300);
        var swap = await AddRewardAsync("Shift swap", RewardCategory.Digital, 200);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=reward-card-{coffee.Id}]")));
        Assert.NotEmpty(page.FindAll($"[data-testid=reward-card-{swap.Id}]"));

        page.Find("[data-testid=category-digital]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid=reward-card-{coffee.Id}]")));
        Assert.NotEmpty(page.FindAll($"[data-testid=reward-card-{swap.Id}]"));

        page.Find("[data-testid=category-experience]").Click();

        page.WaitForAssertion(() => Assert.Equal("No experience rewards right now.", TestText(page, "shop-no-match")));
    }

    [Fact]
    public async Task The_confirm_dialog_shows_the_total_and_the_balance_after_and_confirming_redeems()
    {
        await AwardAsync(1000);
        var coffee = await AddRewardAsync("Coffee voucher", RewardCategory.Discount, 300, details: "Show COFFEE-{code} at the bar");
        var dialog = await ShowDialogAsync(await ShopItemAsync(coffee.Id), 1000);

        Assert.Equal("Coffee voucher", Providers.Find("[data-testid=redeem-reward]").TextContent.Trim());
        Assert.Equal("300", Providers.Find("[data-testid=redeem-total]").GetAttribute("data-value"));
        Assert.Contains("300 points", Providers.Find("[data-testid=redeem-total]").TextContent, StringComparison.Ordinal);
        Assert.Equal("700", Providers.Find("[data-testid=redeem-balance-after]").GetAttribute("data-value"));
        Assert.Equal("700 points", Providers.Find("[data-testid=redeem-balance-after]").TextContent.Trim());
        Assert.NotEmpty(Providers.FindAll("[data-testid=redeem-instant-note]"));
        Assert.Empty(Providers.FindAll("[data-testid=redeem-approval-note]"));
        // 1,000 points cover three.
        Assert.Equal("Up to 3 at once", Providers.Find("[data-testid=quantity-max]").TextContent.Trim());

        Providers.Find("[data-testid=quantity-plus]").Click();
        Providers.Find("[data-testid=quantity-plus]").Click();

        Assert.Equal("3", Providers.Find("[data-testid=quantity-value]").TextContent.Trim());
        Assert.True(Providers.Find("[data-testid=quantity-plus]").HasAttribute("disabled"));
        Assert.Equal("900", Providers.Find("[data-testid=redeem-total]").GetAttribute("data-value"));
        Assert.Equal("100", Providers.Find("[data-testid=redeem-balance-after]").GetAttribute("data-value"));
        Assert.Equal("Redeem for 900 points", Providers.Find("[data-testid=confirm-redeem]").TextContent.Trim());

        Providers.Find("[data-testid=confirm-redeem]").Click();

        var result = await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10));
        var redeemed = Assert.IsType<RedeemResult>(result?.Data);
        Assert.Equal((RedemptionStatus.Approved, 900L, 100L), (redeemed.Status, redeemed.PointsSpent, redeemed.CurrentPoints));
        var stored = Db(db => db.UserRedemptions.IgnoreQueryFilters().Single());
        Assert.Equal((3, 900L, redeemed.RedemptionCode), (stored.Quantity, stored.PointsSpent, stored.RedemptionCode));
        Assert.Equal(100, Db(db => db.UserPoints.IgnoreQueryFilters().Single(p => p.UserId == agentId).CurrentPoints));
    }

    [Fact]
    public async Task A_refusal_shows_in_the_dialog_and_changes_nothing()
    {
        await AwardAsync(1000);
        var lunch = await AddRewardAsync("Team lunch", RewardCategory.Experience, 400, stock: 1, approval: true);
        var item = await ShopItemAsync(lunch.Id);
        // The last one goes while the agent looks at the shop.
        await RunAsync<RewardService, RewardView>(s => s.AdjustStockAsync(lunch.Id, -1, "Given away at the party", adminId));
        var dialog = await ShowDialogAsync(item, 1000);
        Assert.Contains("An admin reviews it; your points are held and refunded if it is declined",
            Providers.Find("[data-testid=redeem-approval-note]").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Request for 400 points", Providers.Find("[data-testid=confirm-redeem]").TextContent.Trim());

        Providers.Find("[data-testid=confirm-redeem]").Click();

        Providers.WaitForAssertion(() => Assert.Equal("Team lunch is out of stock.", Providers.Find("[data-testid=redeem-error]").TextContent.Trim()));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(0, Db(db => db.UserRedemptions.IgnoreQueryFilters().Count()));
        Assert.Equal(1000, Db(db => db.UserPoints.IgnoreQueryFilters().Single(p => p.UserId == agentId).CurrentPoints));
    }

    [Fact]
    public async Task Redeeming_on_the_page_shows_the_code_at_once_and_in_the_history()
    {
        await AwardAsync(1000);
        var coffee = await AddRewardAsync("Coffee voucher", RewardCategory.Discount, 300, details: "Show COFFEE-{code} at the bar");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.False(RedeemButton(page, coffee).HasAttribute("disabled")));

        RedeemButton(page, coffee).Click();
        Providers.WaitForAssertion(() => Assert.NotEmpty(Providers.FindAll("[data-testid=confirm-redeem]")));
        Providers.Find("[data-testid=confirm-redeem]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=redemption-code]")));
        var stored = Db(db => db.UserRedemptions.IgnoreQueryFilters().Single());
        var code = stored.RedemptionCode!;
        Assert.Equal(code, page.Find("[data-testid=redemption-code]").TextContent.Trim());
        Assert.Equal($"Show COFFEE-{code} at the bar", page.Find("[data-testid=redemption-details]").TextContent.Trim());
        Assert.Equal($"Valid until {Now.AddDays(30).ToString("d MMM yyyy", CultureInfo.CurrentCulture)}.", page.Find("[data-testid=redemption-expiry]").TextContent.Trim());
        Assert.Equal("approved", page.Find("[data-testid=redemption-result]").GetAttribute("data-status"));
        page.WaitForAssertion(() => Assert.Equal("700", page.Find("[data-testid=shop-points]").GetAttribute("data-value")));
        Assert.Empty(Providers.FindAll(".mud-dialog"));

        page.Find("[data-testid=tab-history]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=redemption-row-{stored.Id}]")));
        var row = page.Find($"[data-testid=redemption-row-{stored.Id}]");
        Assert.Equal("approved", row.GetAttribute("data-status"));
        Assert.Contains(code, row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Approved", TestText(page, $"redemption-status-{stored.Id}"));
        Assert.NotEmpty(page.FindAll($"[data-testid=complete-{stored.Id}]"));
    }

    [Fact]
    public async Task An_approval_elsewhere_shows_in_the_history_without_a_reload_and_the_agent_marks_it_received()
    {
        await AwardAsync(1000);
        var lunch = await AddRewardAsync("Team lunch", RewardCategory.Experience, 400, approval: true, details: "Reference TEAMLUNCH-{code}");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.False(RedeemButton(page, lunch).HasAttribute("disabled")));
        RedeemButton(page, lunch).Click();
        Providers.WaitForAssertion(() => Assert.NotEmpty(Providers.FindAll("[data-testid=confirm-redeem]")));
        Providers.Find("[data-testid=confirm-redeem]").Click();

        page.WaitForAssertion(() => Assert.Equal("pending", page.Find("[data-testid=redemption-result]").GetAttribute("data-status")));
        Assert.Equal("Requested — waiting for approval", TestText(page, "redemption-pending"));
        Assert.Empty(page.FindAll("[data-testid=redemption-code]"));
        var id = Db(db => db.UserRedemptions.IgnoreQueryFilters().Single().Id);
        // Found and clicked in one dispatch: a live re-render in between would drop the handler.
        await page.InvokeAsync(() => page.Find("[data-testid=tab-history]").Click());
        page.WaitForAssertion(() => Assert.Equal("pending", Row(page, id).GetAttribute("data-status")));
        Assert.Equal("1", TestText(page, "pending-count"));
        Assert.Empty(page.FindAll($"[data-testid=complete-{id}]"));

        // An admin approves on their own page: the engine tells the agent's open pages.
        await RunAsync<RewardService, RedemptionView>(s => s.ApproveAsync(id, adminId));

        page.WaitForAssertion(() => Assert.Equal("approved", Row(page, id).GetAttribute("data-status")));
        var code = Db(db => db.UserRedemptions.IgnoreQueryFilters().Single().RedemptionCode)!;
        Assert.Contains(code, Row(page, id).TextContent, StringComparison.Ordinal);
        Assert.Equal($"Reference TEAMLUNCH-{code}", TestText(page, $"redemption-details-{id}"));
        Assert.Empty(page.FindAll("[data-testid=pending-count]"));
        // The confirmation at the top follows too.
        Assert.Equal(code, TestText(page, "redemption-code"));

        // Found and clicked in one dispatch: a live re-render in between would drop the handler.
        await page.InvokeAsync(() => page.Find($"[data-testid=complete-{id}]").Click());

        page.WaitForAssertion(() => Assert.Equal("completed", Row(page, id).GetAttribute("data-status")));
        Assert.Equal(RedemptionStatus.Completed, Db(db => db.UserRedemptions.IgnoreQueryFilters().Single().Status));
        Assert.Empty(page.FindAll($"[data-testid=complete-{id}]"));
    }

    [Fact]
    public async Task A_declined_request_shows_the_reason_and_the_refund_live()
    {
        await AwardAsync(1000);
        var lunch = await AddRewardAsync("Team lunch", RewardCategory.Experience, 400, approval: true);
        var request = await RunAsync<RewardService, RedeemResult>(s => s.RedeemAsync(agentId, lunch.Id, 1));
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("600", page.Find("[data-testid=shop-points]").GetAttribute("data-value")));
        page.Find("[data-testid=tab-history]").Click();
        page.WaitForAssertion(() => Assert.Equal("pending", Row(page, request.RedemptionId).GetAttribute("data-status")));

        await RunAsync<RewardService, RedemptionView>(s => s.RejectAsync(request.RedemptionId, "Budget is used up this month", adminId));

        page.WaitForAssertion(() => Assert.Equal("rejected", Row(page, request.RedemptionId).GetAttribute("data-status")));
        Assert.Equal("Declined: Budget is used up this month", TestText(page, $"redemption-reason-{request.RedemptionId}"));
        Assert.Equal("400 points refunded", TestText(page, $"redemption-points-{request.RedemptionId}"));
        Assert.Equal("1000", page.Find("[data-testid=shop-points]").GetAttribute("data-value"));
    }

    [Fact]
    public async Task Changes_of_another_agent_do_not_reach_the_page_and_closing_it_unsubscribes()
    {
        await AwardAsync(1000);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("1000", page.Find("[data-testid=shop-points]").GetAttribute("data-value")));
        Assert.Equal(1, Notifier.SubscriberCount);

        Notifier.Publish(new PointsNotification(tenantId, adminId, 5, 5, 5, 500, 1, 1, null, 5, "Completed call: +5"));
        Notifier.Publish(new PointsNotification(Guid.NewGuid(), agentId, 7, 7, 7, 500, 1, 1, null, 7, "Completed call: +7"));

        Assert.Equal("1000", page.Find("[data-testid=shop-points]").GetAttribute("data-value"));
        page.Instance.Dispose();
        Assert.Equal(0, Notifier.SubscriberCount);
    }

    [Fact]
    public void The_quantity_is_capped_by_the_limit_the_stock_the_points_and_twenty()
    {
        Assert.Equal(20, RewardText.MaxQuantity(Item(cost: 10, stock: -1, remaining: null), currentPoints: 10_000));
        Assert.Equal(4, RewardText.MaxQuantity(Item(cost: 10, stock: 4, remaining: null), currentPoints: 10_000));
        Assert.Equal(2, RewardText.MaxQuantity(Item(cost: 10, stock: -1, remaining: 2), currentPoints: 10_000));
        Assert.Equal(3, RewardText.MaxQuantity(Item(cost: 300, stock: -1, remaining: null), currentPoints: 999));
        Assert.Equal(1, RewardText.MaxQuantity(Item(cost: 300, stock: 0, remaining: 0), currentPoints: 0));

        static ShopItem Item(int cost, int stock, int? remaining) => new(
            new RewardView(1, "Thing", "", null, RewardCategory.Physical, cost, stock, false, true, false, 30, "", remaining is null ? null : 5,
                RewardLimitPeriod.Month, Now, 0),
            true, 0, stock != 0, remaining, true, null, 0, false);
    }

    // ----- Helpers -----

    private IRenderedComponent<RewardsShop> RenderPage()
    {
        RenderProviders();
        return Render<RewardsShop>();
    }

    private void RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        Providers = Render<MudDialogProvider>();
    }

    private async Task<IDialogReference> ShowDialogAsync(ShopItem item, long points)
    {
        RenderProviders();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<RedeemDialog>
        {
            { d => d.Item, item },
            { d => d.CurrentPoints, points },
            { d => d.UserId, agentId },
        };
        IDialogReference? reference = null;
        await Providers.InvokeAsync(async () => reference = await dialogs.ShowAsync<RedeemDialog>(item.Reward.Name, parameters));
        Providers.WaitForState(() => Providers.FindAll("[data-testid=confirm-redeem]").Count > 0);
        return reference!;
    }

    private async Task<ShopItem> ShopItemAsync(long rewardId) =>
        (await RunAsync<RewardService, Shop>(s => s.ShopAsync(agentId))).Items.Single(i => i.Reward.Id == rewardId);

    private static IElement Card(IRenderedComponent<RewardsShop> page, RewardView reward) => page.Find($"[data-testid=reward-card-{reward.Id}]");

    private static IElement RedeemButton(IRenderedComponent<RewardsShop> page, RewardView reward) => page.Find($"[data-testid=redeem-{reward.Id}]");

    private static IElement Row(IRenderedComponent<RewardsShop> page, long redemptionId) => page.Find($"[data-testid=redemption-row-{redemptionId}]");

    private static string TestText(IRenderedComponent<RewardsShop> page, string testId) => page.Find($"[data-testid={testId}]").TextContent.Trim();

    /// <summary>Where the page's dialogs render.</summary>
    private IRenderedComponent<MudDialogProvider> Providers { get; set; } = null!;

    private Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation) where TService : notnull =>
        Services.GetRequiredService<OperationScope>().RunAsync(operation);

    private async Task AwardAsync(long points)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PointsEngine>().AwardAsync(tenantId,
            new PointsGrant(agentId, TransactionType.AdminAward, points, "Opening balance"), CancellationToken.None);
    }

    private Task<RewardView> AddRewardAsync(string name, RewardCategory category, int cost, int stock = -1, bool approval = false, bool featured = false,
        int? limit = null, RewardLimitPeriod period = RewardLimitPeriod.Ever, string details = "") =>
        RunAsync<RewardService, RewardView>(s => s.CreateAsync(
            new RewardInput(name, $"{name} for you.", null, category, cost, stock, featured, approval, 30, details, limit, period), adminId));

    private T Db<T>(Func<GamificationDbContext, T> query)
    {
        using var db = NewContext();
        return query(db);
    }

    private SqliteGamificationDbContext NewContext() => ComponentTestServices.OpenDatabase(DatabasePath);

    private void Seed()
    {
        using var db = ComponentTestServices.CreateTenantDatabase(DatabasePath, tenantId, "Shop Test", Now);
        // Levels far apart: no level-up bonus blurs the balances these tests count.
        db.PlayerLevels.AddRange(StarterCatalog.Levels(tenantId).Select(l => { l.PointsTotalRequired *= 1000; l.PointsRequired *= 1000; return l; }));
        db.Users.AddRange(User(agentId, "agent@example.test", "Alex Agent"), User(adminId, "admin@example.test", "Ada Admin"));
        db.SaveChanges();
    }

    private ApplicationUser User(string id, string email, string name) => ComponentTestServices.User(tenantId, id, email, name, Now);
}
