using System.Security.Claims;

using AngleSharp.Dom;

using Bunit;
using Bunit.TestDoubles;

using Gamification.Web.Components;
using Gamification.Web.Notifications;

using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

using MudBlazor;
using MudBlazor.Services;

namespace Gamification.Tests.Components;

/// <summary>
/// bUnit with MudBlazor over a real SQLite file for the admin and supervisor pages: one tenant (UTC) with its config
/// and levels, an admin, a supervisor and two agents, the real Core services (badges, challenges, rewards, tenant
/// settings, farming, points engine) behind <see cref="OperationScope"/>, the live <see cref="CircuitNotifier"/>, and a clock
/// fixed on Wednesday 4 March 2026, 12:00 UTC. The admin is signed in unless a test calls <see cref="SignIn"/>.
/// </summary>
/// <remarks>
/// Every service any page test needs is registered here, in the constructor: bUnit refuses services added after
/// the first one is resolved, which the constructor does.
/// </remarks>
public abstract class PageTestContext : SqliteFileTestContext
{
    public static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private readonly BunitAuthorizationContext auth;
    private int nextEvent;
    private int nextGrant;

    protected PageTestContext()
        : base("admin-editor")
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        ComponentTestServices.AddPageServices(Services, DatabasePath, Clock);
        Services.AddScoped<BadgeService>();
        Services.AddScoped<Core.Challenges.ChallengeService>();
        Services.AddScoped<UserDirectory>();
        Services.AddScoped<Core.Analytics.FarmingService>();
        Services.AddScoped<Core.Analytics.AnalyticsService>();
        Services.AddScoped<Core.Disputes.DisputeService>();
        Services.TryAddScoped<Core.Levels.LevelService>();
        Services.TryAddScoped<PointsQueries>();
        Services.AddScoped<PointsGuideQuery>();
        Services.AddScoped<NotificationService>();
        Services.AddScoped<AuditService>();
        auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Seed();
        SignIn(Roles.Admin);
    }

    /// <summary>
    /// Signs in the tenant's admin, supervisor or (first) agent, and makes the circuit's scope act as that person (as
    /// CurrentTenantCircuitHandler does in the app).
    /// </summary>
    protected void SignIn(string role)
    {
        var (userId, email) = role == Roles.Admin ? (AdminId, "admin@example.test")
            : role == Roles.Agent ? (AgentId, "agent1@example.test")
            : (SupervisorId, "supervisor@example.test");
        auth.SetAuthorized(email);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(GamificationClaims.TenantId, TenantId.ToString()), new Claim(ClaimTypes.NameIdentifier, userId));
        Services.GetRequiredService<CurrentTenant>().Set(TenantId, userId);
    }

    public Guid TenantId { get; } = Guid.NewGuid();
    public string AdminId { get; } = Guid.NewGuid().ToString();
    public string SupervisorId { get; } = Guid.NewGuid().ToString();
    public string AgentId { get; } = Guid.NewGuid().ToString();
    public string SecondAgentId { get; } = Guid.NewGuid().ToString();
    internal FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>Where open selects and autocompletes list their items.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = null!;

    /// <summary>Where snackbars show (after <see cref="RenderProviders"/>).</summary>
    protected IRenderedComponent<MudSnackbarProvider> Snackbars { get; private set; } = null!;

    /// <summary>The providers a page's dialogs, selects and snackbars render into; dialogs show in its markup.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderProviders()
    {
        Popovers = Render<MudPopoverProvider>();
        Snackbars = Render<MudSnackbarProvider>();
        return Render<MudDialogProvider>();
    }

    /// <summary>Shows the dialog and waits until one more dialog is in the providers' markup.</summary>
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

    /// <summary>Renders the providers (<see cref="RenderProviders"/>) and shows <typeparamref name="TDialog"/> in them, empty unless given parameters.</summary>
    protected async Task<(IRenderedComponent<MudDialogProvider> Providers, IDialogReference Dialog)> OpenDialogAsync<TDialog>(DialogParameters? parameters = null)
        where TDialog : IComponent
    {
        var providers = RenderProviders();
        return (providers, await ShowAsync<TDialog>(providers, parameters ?? []));
    }

    /// <summary>
    /// Opens an empty <typeparamref name="TDialog"/>, saves it as it is and waits for its "was not created" error
    /// (at #<paramref name="prefix"/>-save and #<paramref name="prefix"/>-error).
    /// </summary>
    protected async Task<(IRenderedComponent<MudDialogProvider> Providers, IDialogReference Dialog)> SaveEmptyDialogAsync<TDialog>(string prefix)
        where TDialog : IComponent
    {
        var (providers, dialog) = await OpenDialogAsync<TDialog>();

        providers.Find($"#{prefix}-save").Click();

        providers.WaitForAssertion(() => Assert.Contains("was not created", providers.Find($"#{prefix}-error").TextContent, StringComparison.Ordinal));
        return (providers, dialog);
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

    /// <summary>
    /// A completed call by the agent (now, unless <paramref name="at"/> says when; 4 minutes long), through the engine:
    /// it counts toward badges and challenges.
    /// </summary>
    protected async Task<ActivityResult> CallAsync(string userId, int? rating = null, DateTimeOffset? at = null)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PointsEngine>().RecordActivityAsync(TenantId,
            new ActivityInput($"evt-{Interlocked.Increment(ref nextEvent)}", ActivityType.CallCompleted, userId, at ?? Clock.GetUtcNow(), rating,
                DurationSeconds: 240),
            CancellationToken.None);
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

    /// <summary>A context of its own on the test's database, for seeding what a test needs.</summary>
    protected SqliteGamificationDbContext NewContext() => ComponentTestServices.OpenDatabase(DatabasePath);

    private void Seed()
    {
        using var db = ComponentTestServices.CreateTenantDatabase(DatabasePath, TenantId, "Admin Test", Now);
        db.PlayerLevels.AddRange(StarterCatalog.Levels(TenantId));
        db.Users.AddRange(
            User(AdminId, "admin@example.test", "Ada Admin", null),
            User(SupervisorId, "supervisor@example.test", "Sam Supervisor", null),
            User(AgentId, "agent1@example.test", "Alex Agent", "agent-01"),
            User(SecondAgentId, "agent2@example.test", "Blair Agent", "agent-02"));
        var agentRole = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.Agent) { Id = Guid.NewGuid().ToString(), NormalizedName = Roles.Agent.ToUpperInvariant() };
        var adminRole = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.Admin) { Id = Guid.NewGuid().ToString(), NormalizedName = Roles.Admin.ToUpperInvariant() };
        var supervisorRole = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.Supervisor)
        {
            Id = Guid.NewGuid().ToString(),
            NormalizedName = Roles.Supervisor.ToUpperInvariant(),
        };
        db.Roles.AddRange(agentRole, adminRole, supervisorRole);
        db.UserRoles.AddRange(
            new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = AdminId, RoleId = adminRole.Id },
            new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = SupervisorId, RoleId = supervisorRole.Id },
            new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = AgentId, RoleId = agentRole.Id },
            new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = SecondAgentId, RoleId = agentRole.Id });
        db.SaveChanges();
    }

    private ApplicationUser User(string id, string email, string name, string? externalId) =>
        ComponentTestServices.User(TenantId, id, email, name, Now, externalId);
}

/// <summary>What the bUnit page tests over a real SQLite file share, whoever signs in.</summary>
internal static class ComponentTestServices
{
    /// <summary>
    /// MudBlazor, logging, the data layer on <paramref name="databasePath"/>, the fixed clock, the live
    /// <see cref="CircuitNotifier"/> as the notifier, the points engine, the reward and tenant settings services and
    /// <see cref="OperationScope"/>. Call it before anything is resolved: bUnit refuses services added after that.
    /// </summary>
    public static void AddPageServices(IServiceCollection services, string databasePath, TimeProvider clock)
    {
        services.AddMudServices();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddLogging();
        services.AddGamificationData(new DatabaseOptions { ConnectionString = $"Data Source={databasePath}" }, Path.GetTempPath());
        services.AddSingleton(clock);
        services.AddSingleton<CircuitNotifier>();
        services.AddSingleton<IPointsNotifier>(sp => sp.GetRequiredService<CircuitNotifier>());
        services.AddSingleton(AchievementEvaluators.All);
        services.AddScoped<PointsEngine>();
        services.AddScoped<RewardService>();
        services.AddScoped<TenantSettingsService>();
        services.AddScoped<PreferencesService>();
        // The light or dark choice of the circuit (the preferences card and the app bar's toggle read it).
        services.AddScoped<Gamification.Web.Components.Layout.ThemeState>();
        services.AddScoped<OperationScope>();
    }

    /// <summary>A context of its own on the test's database, for seeding and checking what was stored.</summary>
    public static SqliteGamificationDbContext OpenDatabase(string databasePath) =>
        new(new DbContextOptionsBuilder<SqliteGamificationDbContext>().UseSqlite($"Data Source={databasePath}").Options);

    /// <summary>
    /// Creates the test's database with a UTC tenant on the moderate preset (not saved yet); the context to seed the
    /// rest of what the test needs in.
    /// </summary>
    public static SqliteGamificationDbContext CreateTenantDatabase(string databasePath, Guid tenantId, string name, DateTimeOffset now)
    {
        var db = OpenDatabase(databasePath);
        db.Database.EnsureCreated();
        db.Tenants.Add(new Tenant { Id = tenantId, Name = name, TimeZoneId = "UTC", CreatedAt = now });
        db.GamificationConfigs.Add(TenantPresets.Create(tenantId, GamificationPreset.Moderate, now));
        return db;
    }

    /// <summary>A person of the tenant who signs in with <paramref name="email"/> (their user name as well).</summary>
    public static ApplicationUser User(Guid tenantId, string id, string email, string name, DateTimeOffset createdAt, string? externalId = null) => new()
    {
        Id = id,
        TenantId = tenantId,
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        DisplayName = name,
        ExternalId = externalId,
        CreatedAt = createdAt,
    };
}
