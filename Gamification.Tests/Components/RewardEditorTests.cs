using AngleSharp.Dom;

using Bunit;

using Gamification.Web.Components.Pages.Admin;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The admin reward catalog and its dialogs over a real SQLite database and the real reward service: the server's
/// validation errors show by their fields and nothing is stored; a valid reward is created with its stock recorded;
/// the list shows unlimited stock and pending requests; stock is added with a reason and shows in the history.
/// </summary>
public sealed class RewardEditorTests : PageTestContext
{
    [Fact]
    public async Task Saving_an_empty_reward_shows_the_errors_by_their_fields_and_keeps_the_dialog_open()
    {
        var (providers, dialog) = await SaveEmptyDialogAsync<RewardDialog>("reward");

        Assert.Contains("name", FieldError(providers, "#reward-name"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("between 1 and", FieldError(providers, "#reward-cost"), StringComparison.Ordinal);
        Assert.Empty(FieldError(providers, "#reward-description"));
        Assert.Empty(FieldError(providers, "#reward-validity"));
        Assert.NotEmpty(providers.FindAll("#reward-dialog"));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(0, Count<RewardItem>());
    }

    [Fact]
    public async Task A_counted_stock_left_empty_says_what_to_enter_and_bad_fields_are_refused_together()
    {
        var (providers, dialog) = await OpenDialogAsync<RewardDialog>();
        Assert.Empty(providers.FindAll("#reward-stock"));

        providers.Find("#reward-unlimited").Change(false);
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("#reward-stock")));
        providers.Find("#reward-name").Change("Coffee voucher");
        providers.Find("#reward-cost").Input("250");
        providers.Find("#reward-validity").Input("400");
        providers.Find("#reward-image-url").Change("javascript:alert(1)");
        providers.Find("#reward-save").Click();

        providers.WaitForAssertion(() => Assert.Contains("Enter how many are in stock", FieldError(providers, "#reward-stock"), StringComparison.Ordinal));
        Assert.Contains("1 to 365 days", FieldError(providers, "#reward-validity"), StringComparison.Ordinal);
        Assert.Contains("https://", FieldError(providers, "#reward-image-url"), StringComparison.Ordinal);
        Assert.Empty(FieldError(providers, "#reward-name"));
        Assert.Empty(FieldError(providers, "#reward-cost"));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(0, Count<RewardItem>());
    }

    [Fact]
    public async Task A_valid_reward_is_created_with_its_rules_and_its_stock_recorded()
    {
        var (providers, dialog) = await OpenDialogAsync<RewardDialog>();

        providers.Find("#reward-name").Change("Cinema tickets");
        Choose(providers, "#reward-category", "Experience");
        providers.Find("#reward-cost").Input("1200");
        providers.Find("#reward-unlimited").Change(false);
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("#reward-stock")));
        providers.Find("#reward-stock").Input("12");
        providers.Find("#reward-requires-approval").Change(true);
        providers.Find("#reward-featured").Change(true);
        providers.Find("#reward-details").Input("Show CINE-{code} at the box office");
        providers.Find("#reward-limit").Input("2");
        Choose(providers, "#reward-limit-period", "Week");
        Assert.Contains("Show CINE-RWD-", providers.Find("#reward-details-preview").TextContent, StringComparison.Ordinal);
        providers.WaitForAssertion(() => Assert.Contains("at most 2 per week per agent", providers.Find("#reward-summary").TextContent, StringComparison.Ordinal));
        providers.Find("#reward-save").Click();

        var saved = Assert.IsType<RewardView>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))?.Data);
        Assert.Equal(("Cinema tickets", RewardCategory.Experience, 1200, 12, true, true), (saved.Name, saved.Category, saved.PointsCost, saved.Stock, saved.RequiresApproval, saved.Featured));
        Assert.Equal((2, RewardLimitPeriod.Week, 30), (saved.PerAgentLimit, saved.LimitPeriod, saved.CodeValidityDays));
        var recorded = Db(db => db.RewardStockChanges.IgnoreQueryFilters().Single(s => s.RewardItemId == saved.Id));
        Assert.Equal((null, 12, "Created", AdminId), (recorded.StockBefore, recorded.StockAfter, recorded.Reason, recorded.ByUserId));
    }

    [Fact]
    public async Task Editing_without_touching_the_stock_keeps_what_redemptions_took_meanwhile()
    {
        var reward = await SeedRewardAsync("Team lunch", 500, stock: 5, requiresApproval: true);
        await GivePointsAsync(AgentId, 2000);
        var (providers, dialog) = await OpenDialogAsync<RewardDialog>(new DialogParameters<RewardDialog> { { d => d.Reward, reward } });
        Assert.Equal("5", providers.Find("#reward-stock").GetAttribute("value"));

        await RedeemAsync(AgentId, reward.Id);
        providers.Find("#reward-name").Change("Team lunch with the boss");
        providers.Find("#reward-save").Click();

        var saved = Assert.IsType<RewardView>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))?.Data);
        Assert.Equal(("Team lunch with the boss", 4, 1), (saved.Name, saved.Stock, saved.PendingCount));
    }

    [Fact]
    public async Task Setting_a_stock_that_redemptions_moved_meanwhile_is_refused_and_nothing_is_saved()
    {
        var reward = await SeedRewardAsync("Team lunch", 500, stock: 5, requiresApproval: true);
        await GivePointsAsync(AgentId, 2000);
        var (providers, dialog) = await OpenDialogAsync<RewardDialog>(new DialogParameters<RewardDialog> { { d => d.Reward, reward } });

        await RedeemAsync(AgentId, reward.Id);
        providers.Find("#reward-name").Change("Team lunch with the boss");
        providers.Find("#reward-stock").Input("10");
        providers.Find("#reward-save").Click();

        providers.WaitForAssertion(() => Assert.Contains("changed meanwhile", providers.Find("#reward-error").TextContent, StringComparison.Ordinal));
        Assert.Contains("Nothing was saved", providers.Find("#reward-error").TextContent, StringComparison.Ordinal);
        Assert.False(dialog.Result.IsCompleted);
        var stored = Db(db => db.RewardItems.IgnoreQueryFilters().Single(r => r.Id == reward.Id));
        Assert.Equal(("Team lunch", 4), (stored.Name, stored.Stock));
    }

    [Fact]
    public async Task The_catalog_lists_stock_rules_and_pending_requests_and_filters_them()
    {
        await SeedRewardAsync("Streaming month", 300, RewardCategory.Digital);
        var lunch = await SeedRewardAsync("Team lunch", 500, RewardCategory.Experience, stock: 5, requiresApproval: true, limit: 1);
        var mug = await SeedRewardAsync("Branded mug", 150, RewardCategory.Physical, stock: 0);
        await RunAsync<RewardService, RewardView>(s => s.SetActiveAsync(mug.Id, false));
        await GivePointsAsync(AgentId, 2000);
        await RedeemAsync(AgentId, lunch.Id);
        RenderProviders();

        var page = Render<RewardEditor>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#rewards-table tbody tr").Count));
        var streaming = Row(page, "Streaming month");
        Assert.Contains("Unlimited", streaming.QuerySelector(".reward-stock")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Code at once", streaming.TextContent, StringComparison.Ordinal);
        var row = Row(page, "Team lunch");
        Assert.Equal("4", row.QuerySelector(".reward-stock")!.TextContent.Trim());
        Assert.Contains("Needs approval", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Max 1 per month per agent", row.TextContent, StringComparison.Ordinal);
        var pending = row.QuerySelector(".reward-pending a")!;
        Assert.Contains("1 pending", pending.TextContent, StringComparison.Ordinal);
        Assert.EndsWith($"admin/redemptions?reward={lunch.Id}", pending.GetAttribute("href"), StringComparison.Ordinal);
        var inactive = Row(page, "Branded mug");
        Assert.Contains("Inactive", inactive.TextContent, StringComparison.Ordinal);
        Assert.Contains("Out of stock", inactive.TextContent, StringComparison.Ordinal);
        Assert.Contains("(1)", page.Find("#reward-queue-link").TextContent, StringComparison.Ordinal);

        page.Find("#reward-search").Input("lunch");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#rewards-table tbody tr")));

        page.Find("#reward-search").Input("nothing-like-this");
        page.WaitForAssertion(() => Assert.Contains("No reward matches", page.Find("#rewards-empty").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deactivating_asks_first_and_takes_the_reward_out_of_the_shop()
    {
        var reward = await SeedRewardAsync("Streaming month", 300);
        var providers = RenderProviders();
        var page = Render<RewardEditor>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#rewards-table tbody tr")));

        Row(page, "Streaming month").QuerySelector(".reward-toggle")!.Click();
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll(".mud-dialog button")));
        providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Deactivate", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Contains("Inactive", Row(page, "Streaming month").TextContent, StringComparison.Ordinal));
        Assert.False(Db(db => db.RewardItems.IgnoreQueryFilters().Single(r => r.Id == reward.Id).IsActive));
    }

    [Fact]
    public async Task Stock_needs_a_reason_and_each_change_shows_in_the_history()
    {
        var reward = await SeedRewardAsync("Team lunch", 500, stock: 5);
        var (providers, dialog) = await OpenDialogAsync<StockDialog>(new DialogParameters<StockDialog> { { d => d.Reward, reward } });
        providers.WaitForAssertion(() => Assert.Single(providers.FindAll("#stock-history tbody tr")));
        Assert.Contains("Created", providers.Find("#stock-history tbody").TextContent, StringComparison.Ordinal);
        Assert.Contains("Ada Admin", providers.Find("#stock-history tbody").TextContent, StringComparison.Ordinal);

        providers.Find("#stock-amount").Input("20");
        Assert.Contains("Stock becomes 25", FieldHelp(providers, "#stock-amount"), StringComparison.Ordinal);
        providers.Find("#stock-save").Click();

        providers.WaitForAssertion(() => Assert.Contains("reason", FieldError(providers, "#stock-reason"), StringComparison.OrdinalIgnoreCase));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(5, Db(db => db.RewardItems.IgnoreQueryFilters().Single(r => r.Id == reward.Id).Stock));

        providers.Find("#stock-reason").Input("Delivery of 20 vouchers");
        providers.Find("#stock-save").Click();

        var saved = Assert.IsType<RewardView>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))?.Data);
        Assert.Equal(25, saved.Stock);
        await ShowAsync<StockDialog>(providers, new DialogParameters<StockDialog> { { d => d.Reward, saved } });
        providers.WaitForAssertion(() => Assert.Equal(2, providers.FindAll("#stock-history tbody tr").Count));
        var newest = providers.FindAll("#stock-history tbody tr")[0].TextContent;
        Assert.Contains("+20", newest, StringComparison.Ordinal);
        Assert.Contains("Delivery of 20 vouchers", newest, StringComparison.Ordinal);
        Assert.Contains("5 → 25", newest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlimited_stock_cannot_be_adjusted_and_says_how_to_count_it()
    {
        var reward = await SeedRewardAsync("Streaming month", 300);
        var (providers, _) = await OpenDialogAsync<StockDialog>(new DialogParameters<StockDialog> { { d => d.Reward, reward } });

        providers.WaitForAssertion(() => Assert.Contains("switch off Unlimited", providers.Find("#stock-unlimited").TextContent, StringComparison.Ordinal));
        Assert.Empty(providers.FindAll("#stock-save"));
        Assert.Contains("Unlimited", providers.Find("#stock-current").TextContent, StringComparison.Ordinal);
    }

    private static IElement Row(IRenderedComponent<RewardEditor> page, string name) =>
        page.FindAll("#rewards-table tbody tr").Single(r => r.QuerySelector(".reward-name")?.TextContent.Trim() == name);
}
