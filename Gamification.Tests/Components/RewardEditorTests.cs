using System.Security.Claims;

using AngleSharp.Dom;

using Bunit;

using Gamification.Core.Data;
using Gamification.Core.Levels;
using Gamification.Core.Notifications;
using Gamification.Core.Points;
using Gamification.Core.Rewards;
using Gamification.Core.Tenants;
using Gamification.Core.Users;
using Gamification.Tests.Points;
using Gamification.Web.Components;
using Gamification.Web.Components.Pages.Admin;
using Gamification.Web.Notifications;

using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using MudBlazor;
using MudBlazor.Services;

namespace Gamification.Tests.Components;

/// <summary>
/// The admin reward catalog and its dialogs over a real SQLite database and the real reward service: the server's
/// validation errors show by their fields and nothing is stored; a valid reward is created with its stock recorded;
/// the list shows unlimited stock and pending requests; stock is added with a reason and shows in the history.
/// </summary>
public sealed class RewardEditorTests : RewardAdminContext
{
    [Fact]
    public async Task Saving_an_empty_reward_shows_the_errors_by_their_fields_and_keeps_the_dialog_open()
    {
        var providers = RenderProviders();
        var dialog = await ShowAsync<RewardDialog>(providers, []);

        providers.Find("#reward-save").Click();

        providers.WaitForAssertion(() => Assert.Contains("was not created", providers.Find("#reward-error").TextContent, StringComparison.Ordinal));
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
        var providers = RenderProviders();
        var dialog = await ShowAsync<RewardDialog>(providers, []);
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
        var providers = RenderProviders();
        var dialog = await ShowAsync<RewardDialog>(providers, []);

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
        var providers = RenderProviders();
        var dialog = await ShowAsync<RewardDialog>(providers, new DialogParameters<RewardDialog> { { d => d.Reward, reward } });
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
        var providers = RenderProviders();
        var dialog = await ShowAsync<RewardDialog>(providers, new DialogParameters<RewardDialog> { { d => d.Reward, reward } });

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
        var providers = RenderProviders();
        var dialog = await ShowAsync<StockDialog>(providers, new DialogParameters<StockDialog> { { d => d.Reward, reward } });
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
        var providers = RenderProviders();
        await ShowAsync<StockDialog>(providers, new DialogParameters<StockDialog> { { d => d.Reward, reward } });

        providers.WaitForAssertion(() => Assert.Contains("switch off Unlimited", providers.Find("#stock-unlimited").TextContent, StringComparison.Ordinal));
        Assert.Empty(providers.FindAll("#stock-save"));
        Assert.Contains("Unlimited", providers.Find("#stock-current").TextContent, StringComparison.Ordinal);
    }

    private static IElement Row(IRenderedComponent<RewardEditor> page, string name) =>
        page.FindAll("#rewards-table tbody tr").Single(r => r.QuerySelector(".reward-name")?.TextContent.Trim() == name);
}

/// <summary>
/// bUnit with MudBlazor over a real SQLite file for the reward pages: one tenant (UTC) with its config and levels, an
/// admin and two agents, the real reward service and points engine behind <see cref="OperationScope"/>, the live
/// <see cref="PointsHub"/>, and a clock fixed on Wednesday 4 March 2026, 12:00 UTC.
/// </summary>
/// <remarks>
/// Like <see cref="AdminEditorContext"/>, with the reward service registered: bUnit refuses services added after the
/// first one is resolved, which that context's constructor does.
/// </remarks>
public abstract class RewardAdminContext : BunitContext, IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"reward-admin-{Guid.NewGuid():N}.db");
    private int nextGrant;

    protected RewardAdminContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddGamificationData(new DatabaseOptions { ConnectionString = $"Data Source={databasePath}" }, Path.GetTempPath());
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<PointsHub>();
        Services.AddSingleton<IPointsNotifier>(sp => sp.GetRequiredService<PointsHub>());
        Services.AddScoped<PointsEngine>();
        Services.AddScoped<RewardService>();
        Services.AddScoped<UserDirectory>();
        Services.AddScoped<TenantSettingsService>();
        Services.AddScoped<OperationScope>();
        var auth = AddAuthorization();
        auth.SetAuthorized("admin@example.test");
        auth.SetRoles(Roles.Admin);
        auth.SetClaims(new Claim(GamificationClaims.TenantId, TenantId.ToString()), new Claim(ClaimTypes.NameIdentifier, AdminId));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Seed();
        // The circuit's scope acts as the signed-in admin (CurrentTenantCircuitHandler does this in the app).
        Services.GetRequiredService<CurrentTenant>().Set(TenantId, AdminId);
    }

    public Guid TenantId { get; } = Guid.NewGuid();
    public string AdminId { get; } = Guid.NewGuid().ToString();
    public string AgentId { get; } = Guid.NewGuid().ToString();
    public string SecondAgentId { get; } = Guid.NewGuid().ToString();
    internal FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>Where open selects list their items.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only: xunit 2's synchronous Dispose would fail.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(databasePath);
    }

    /// <summary>The providers a page's dialogs, selects and snackbars render into; dialogs show in its markup.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Popovers = Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>();
    }

    protected async Task<IDialogReference> ShowAsync<TDialog>(IRenderedComponent<MudDialogProvider> providers, DialogParameters parameters)
        where TDialog : IComponent
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        var before = providers.FindAll(".mud-dialog").Count;
        IDialogReference? reference = null;
        await providers.InvokeAsync(async () => reference = await dialogs.ShowAsync<TDialog>("", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium }));
        providers.WaitForState(() => providers.FindAll(".mud-dialog").Count > before);
        return reference!;
    }

    /// <summary>Opens the select inside <paramref name="wrapper"/> and picks the item starting with this text.</summary>
    protected void Choose<TComponent>(IRenderedComponent<TComponent> host, string wrapper, string item) where TComponent : IComponent
    {
        host.Find($"{wrapper} .mud-input-control").MouseDown();
        Popovers.WaitForAssertion(() => Assert.NotEmpty(Popovers.FindAll(".mud-popover-open .mud-list-item")));
        Popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim().StartsWith(item, StringComparison.Ordinal)).Click();
    }

    /// <summary>The error text MudBlazor shows under the input with this selector ("" when none).</summary>
    protected static string FieldError(IRenderedComponent<MudDialogProvider> providers, string selector) =>
        Control(providers, selector).QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim() ?? "";

    /// <summary>The helper text MudBlazor shows under the input with this selector.</summary>
    protected static string FieldHelp(IRenderedComponent<MudDialogProvider> providers, string selector) =>
        Control(providers, selector).QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    protected Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation) where TService : notnull =>
        Services.GetRequiredService<OperationScope>().RunAsync(operation);

    protected int Count<T>() where T : class => Db(db => db.Set<T>().IgnoreQueryFilters().Count());

    protected T Db<T>(Func<GamificationDbContext, T> query)
    {
        using var db = NewContext();
        return query(db);
    }

    protected Task<RewardView> SeedRewardAsync(
        string name, int cost, RewardCategory category = RewardCategory.Digital, int stock = -1, bool requiresApproval = false, int? limit = null) =>
        RunAsync<RewardService, RewardView>(s => s.CreateAsync(
            new RewardInput(name, $"{name}.", null, category, cost, stock, false, requiresApproval, 30, "Use {code} at the desk", limit, RewardLimitPeriod.Month),
            AdminId));

    /// <summary>An admin award through the engine, so the agent can spend.</summary>
    protected async Task GivePointsAsync(string userId, long points)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PointsEngine>().AwardAsync(TenantId,
            new PointsGrant(userId, TransactionType.AdminAward, points, $"Test award {Interlocked.Increment(ref nextGrant)}", CreatedByUserId: AdminId),
            CancellationToken.None);
    }

    protected Task<RedeemResult> RedeemAsync(string userId, long rewardId, int quantity = 1) =>
        RunAsync<RewardService, RedeemResult>(s => s.RedeemAsync(userId, rewardId, quantity));

    protected long CurrentPoints(string userId) => Db(db => db.UserPoints.IgnoreQueryFilters().Single(p => p.UserId == userId).CurrentPoints);

    private static IElement Control(IRenderedComponent<MudDialogProvider> providers, string selector) =>
        providers.Find(selector).Closest(".mud-input-control") ?? throw new InvalidOperationException($"{selector} is not inside a MudBlazor input.");

    private SqliteGamificationDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite($"Data Source={databasePath}").Options);

    private void Seed()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
        db.Tenants.Add(new Tenant { Id = TenantId, Name = "Reward Test", TimeZoneId = "UTC", CreatedAt = Now });
        db.GamificationConfigs.Add(TenantPresets.Create(TenantId, GamificationPreset.Moderate, Now));
        db.PlayerLevels.AddRange(StarterCatalog.Levels(TenantId));
        db.Users.AddRange(
            User(AdminId, "admin@example.test", "Ada Admin", null),
            User(AgentId, "agent1@example.test", "Alex Agent", "agent-01"),
            User(SecondAgentId, "agent2@example.test", "Blair Agent", "agent-02"));
        var agentRole = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.Agent) { Id = Guid.NewGuid().ToString(), NormalizedName = Roles.Agent.ToUpperInvariant() };
        var adminRole = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.Admin) { Id = Guid.NewGuid().ToString(), NormalizedName = Roles.Admin.ToUpperInvariant() };
        db.Roles.AddRange(agentRole, adminRole);
        db.UserRoles.AddRange(
            new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = AdminId, RoleId = adminRole.Id },
            new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = AgentId, RoleId = agentRole.Id },
            new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = SecondAgentId, RoleId = agentRole.Id });
        db.SaveChanges();
    }

    private ApplicationUser User(string id, string email, string name, string? externalId) => new()
    {
        Id = id,
        TenantId = TenantId,
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        DisplayName = name,
        ExternalId = externalId,
        CreatedAt = Now,
    };
}
