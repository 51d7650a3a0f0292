using System.Security.Claims;

using Bunit;
using Bunit.TestDoubles;

using Gamification.Web;
using Gamification.Web.Components;
using Gamification.Web.Components.Shared;
using Gamification.Web.Notifications;

using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;

using MudBlazor;
using MudBlazor.Services;

namespace Gamification.Tests.Components;

/// <summary>
/// The app-bar indicator over a real SQLite database and the real engine and notifier: it shows the agent's summary,
/// follows published changes live (only the agent's own), and celebrates a level-up.
/// </summary>
public sealed class PointsIndicatorTests : SqliteFileTestContext
{
    private readonly Guid tenantId = Guid.NewGuid();
    private readonly string agentId = Guid.NewGuid().ToString();
    private readonly BunitAuthorizationContext auth;
    private int nextEvent;

    /// <summary>The pages' texts, in the test's culture.</summary>
    private IStringLocalizer L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    public PointsIndicatorTests()
        : base("indicator")
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
        Services.AddLogging();
        Services.AddGamificationData(new DatabaseOptions { ConnectionString = $"Data Source={DatabasePath}" }, Path.GetTempPath());
        // The tests record calls and read "today" of a UTC tenant: on the shared test clock (early afternoon), never near midnight.
        Services.AddSingleton<TimeProvider>(TestClock.Shared);
        Services.AddSingleton<CircuitNotifier>();
        Services.AddSingleton<IPointsNotifier>(sp => sp.GetRequiredService<CircuitNotifier>());
        Services.AddScoped<PointsQueries>();
        Services.AddSingleton(AchievementEvaluators.All);
        Services.AddScoped<PointsEngine>();
        Services.AddScoped<OperationScope>();
        auth = AddAuthorization();
        // After the services: setting it starts the renderer. The indicator listens only on a live circuit.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Seed();
    }

    private CircuitNotifier Notifier => Services.GetRequiredService<CircuitNotifier>();

    [Fact]
    public async Task Shows_the_agents_balance_today_against_the_cap_and_streak()
    {
        await RecordAsync(rating: 5);

        var indicator = RenderIndicator();

        indicator.WaitForAssertion(() => Assert.Equal("30", indicator.Find("#indicator-points").GetAttribute("data-value")));
        Assert.Contains("30", indicator.Find("#indicator-points").TextContent, StringComparison.Ordinal);
        Assert.Equal("30", indicator.Find("#indicator-daily").GetAttribute("data-value"));
        Assert.Equal("500", indicator.Find("#indicator-daily").GetAttribute("data-cap"));
        Assert.Contains("/500", indicator.Find("#indicator-daily").TextContent, StringComparison.Ordinal);
        Assert.Equal("1", indicator.Find("#indicator-streak").GetAttribute("data-value"));
        Assert.Equal("dashboard/gamification", indicator.Find("#points-indicator").GetAttribute("href"));
    }

    [Fact]
    public void A_new_agent_without_points_sees_zeros()
    {
        var indicator = RenderIndicator();

        indicator.WaitForAssertion(() => Assert.Equal("0", indicator.Find("#indicator-points").GetAttribute("data-value")));
        Assert.Equal("0", indicator.Find("#indicator-daily").GetAttribute("data-value"));
        Assert.Equal("0", indicator.Find("#indicator-streak").GetAttribute("data-value"));
    }

    [Fact]
    public void A_supervisor_without_points_sees_no_indicator()
    {
        var indicator = RenderIndicator(Roles.Supervisor);

        Assert.Empty(indicator.FindAll("#points-indicator"));
        // Listening (points may come later), but nothing to show yet.
        Assert.Equal(1, Notifier.SubscriberCount);
    }

    [Fact]
    public void A_published_change_shows_at_once_with_a_snackbar()
    {
        var indicator = RenderLoadedAtZero();

        Notifier.Publish(new PointsNotification(tenantId, agentId, 1234, 1500, 120, 550, 4, 2, null, 30, "Perfect call (5★): +30",
            EntryType: TransactionType.Activity, EntryPoints: 30, EntryReason: "Perfect call (5★)"));

        indicator.WaitForAssertion(() => Assert.Contains(1234.ToString("N0"), indicator.Find("#indicator-points").TextContent, StringComparison.Ordinal));
        Assert.Equal("120", indicator.Find("#indicator-daily").GetAttribute("data-value"));
        Assert.Equal("550", indicator.Find("#indicator-daily").GetAttribute("data-cap"));
        Assert.Equal("4", indicator.Find("#indicator-streak").GetAttribute("data-value"));
        var snackbar = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("+30 Perfect call (5★)", snackbar.Message);
        Assert.Equal(Severity.Success, snackbar.Severity);
    }

    [Fact]
    public async Task An_event_through_the_engine_reaches_the_open_indicator()
    {
        var indicator = RenderLoadedAtZero();

        await RecordAsync(rating: 5);
        await RecordAsync();

        indicator.WaitForAssertion(() => Assert.Equal("40", indicator.Find("#indicator-points").GetAttribute("data-value")));
        Assert.Equal("40", indicator.Find("#indicator-daily").GetAttribute("data-value"));
        Assert.Equal("1", indicator.Find("#indicator-streak").GetAttribute("data-value"));
    }

    [Fact]
    public void Changes_of_another_agent_or_another_tenant_are_not_shown()
    {
        var indicator = RenderLoadedAtZero();

        Notifier.Publish(new PointsNotification(tenantId, Guid.NewGuid().ToString(), 999, 999, 99, 500, 9, 1, null, 999, "Lead converted: +50"));
        Notifier.Publish(new PointsNotification(Guid.NewGuid(), agentId, 777, 777, 77, 500, 7, 1, null, 777, "Lead converted: +50"));

        Assert.Equal("0", indicator.Find("#indicator-points").GetAttribute("data-value"));
        Assert.Equal("0", indicator.Find("#indicator-streak").GetAttribute("data-value"));
        Assert.Empty(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
    }

    [Fact]
    public async Task A_perfect_call_that_reaches_silver_opens_the_celebration()
    {
        // 2,680 lifetime points: levels 2 and 3 with their bonuses make 2,980, just short of level 4 (Silver) at 3,000.
        await AwardAsync(2680);
        var indicator = RenderIndicator();
        indicator.WaitForAssertion(() => Assert.Equal("2980", indicator.Find("#indicator-points").GetAttribute("data-value")));
        Assert.Empty(indicator.FindAll("#level-up-celebration"));

        await RecordAsync(rating: 5);

        indicator.WaitForAssertion(() => Assert.NotEmpty(indicator.FindAll("#level-up-celebration")));
        var celebration = indicator.Find("#level-up-celebration");
        Assert.Equal("4", celebration.GetAttribute("data-level"));
        Assert.Equal("Level 4", indicator.Find("#level-up-title").TextContent.Trim());
        Assert.Equal("Silver tier", indicator.Find("#level-up-tier").TextContent.Trim());
        Assert.Contains("+150", indicator.Find("#level-up-bonus").TextContent, StringComparison.Ordinal);
        Assert.Contains("650", celebration.TextContent, StringComparison.Ordinal); // the raised daily cap: 500 + 3 x 50
        Assert.Equal("3160", indicator.Find("#indicator-points").GetAttribute("data-value"));

        // Changes reach the page off the publisher's thread: a late render can replace the button's handler between
        // finding it and clicking it, so both happen on the renderer's thread (bUnit's advice); the click may also queue
        // behind the end of that handling.
        await indicator.InvokeAsync(() => indicator.Find("#level-up-close").Click());
        indicator.WaitForAssertion(() => Assert.Empty(indicator.FindAll("#level-up-celebration")));
    }

    [Fact]
    public async Task A_badge_earned_pops_up_a_celebration_with_its_points_and_closes()
    {
        var indicator = RenderLoadedAtZero();
        Assert.Empty(indicator.FindAll("[data-testid=achievement-celebration]"));

        Notifier.Publish(new PointsNotification(tenantId, agentId, 280, 280, 30, 500, 1, 1, null, 280, "Perfect call (5★): +30",
            [new AchievementNotice(AchievementKind.BadgeEarned, "Century Club", "Badge unlocked: Complete 100 calls.", 250, "trophy", BadgeRarity.Epic)],
            TransactionType.Activity, 30, "Perfect call (5★)"));

        indicator.WaitForAssertion(() => Assert.NotEmpty(indicator.FindAll("[data-testid=achievement-celebration]")));
        var card = indicator.Find("[data-testid=achievement-celebration] .achievement-card");
        Assert.Equal("BadgeEarned", card.GetAttribute("data-kind"));
        Assert.Equal("epic", card.GetAttribute("data-rarity"));
        Assert.Equal("Century Club", card.QuerySelector("[data-testid=achievement-title]")!.TextContent.Trim());
        Assert.Equal("Epic badge unlocked", card.QuerySelector("[data-testid=achievement-kicker]")!.TextContent.Trim());
        Assert.Equal("+250 points", card.QuerySelector("[data-testid=achievement-points]")!.TextContent.Trim());
        Assert.Equal("trophy", card.QuerySelector(".badge-icon")!.GetAttribute("data-icon"));
        // The points change itself still shows as a snackbar.
        Assert.Equal("+30 Perfect call (5★)", Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message);

        // Found and clicked on the renderer's thread: a late render cannot replace the handler in between (bUnit's advice).
        await indicator.InvokeAsync(() => indicator.Find("[data-testid=achievement-close]").Click());

        // Changes reach the page off the publisher's thread: the click may queue behind the end of its handling.
        indicator.WaitForAssertion(() => Assert.Empty(indicator.FindAll("[data-testid=achievement-celebration]")));
    }

    [Fact]
    public void A_completed_challenge_and_a_badge_in_one_change_show_one_card_each_and_level_ups_are_left_to_their_own_celebration()
    {
        var indicator = RenderLoadedAtZero();

        Notifier.Publish(new PointsNotification(tenantId, agentId, 150, 150, 30, 500, 1, 1, null, 150, "Completed call: +10",
        [
            new AchievementNotice(AchievementKind.ChallengeCompleted, "Daily Ten", "Challenge completed: Complete 10 calls today.", 10),
            new AchievementNotice(AchievementKind.BadgeEarned, "Warming Up", "Badge unlocked: Complete 10 calls.", 15, "phone", BadgeRarity.Common),
            new AchievementNotice(AchievementKind.LevelUp, "Level 2 (Bronze)", "Level up", 150),
        ], TransactionType.Activity, 10, "Completed call"));

        indicator.WaitForAssertion(() => Assert.Equal(2, indicator.FindAll(".achievement-card").Count));
        var cards = indicator.FindAll(".achievement-card");
        Assert.Equal(["ChallengeCompleted", "BadgeEarned"], cards.Select(c => c.GetAttribute("data-kind")));
        Assert.Equal("Challenge complete", cards[0].QuerySelector("[data-testid=achievement-kicker]")!.TextContent.Trim());
        Assert.Equal("+10 points", cards[0].QuerySelector("[data-testid=achievement-points]")!.TextContent.Trim());
        Assert.Equal("Warming Up", cards[1].QuerySelector("[data-testid=achievement-title]")!.TextContent.Trim());
    }

    [Fact]
    public void A_streak_milestone_pops_up_like_a_badge_with_a_flame()
    {
        var indicator = RenderLoadedAtZero();

        Notifier.Publish(new PointsNotification(tenantId, agentId, 25, 25, 15, 500, 7, 1, null, 15, "Completed call: +15",
            [new AchievementNotice(AchievementKind.StreakMilestone, "7-day streak!", "Active 7 days in a row. Keep it going!", 0, "fire")],
            TransactionType.Activity, 15, "Completed call"));

        indicator.WaitForAssertion(() => Assert.NotEmpty(indicator.FindAll("[data-testid=achievement-celebration]")));
        var card = indicator.Find("[data-testid=achievement-celebration] .achievement-card");
        Assert.Equal("StreakMilestone", card.GetAttribute("data-kind"));
        Assert.Equal("Streak milestone", card.QuerySelector("[data-testid=achievement-kicker]")!.TextContent.Trim());
        Assert.Equal("7-day streak!", card.QuerySelector("[data-testid=achievement-title]")!.TextContent.Trim());
        Assert.Equal("Active 7 days in a row. Keep it going!", card.QuerySelector("[data-testid=achievement-detail]")!.TextContent.Trim());
        Assert.NotNull(card.QuerySelector("[data-testid=achievement-flame]"));
        // A milestone pays nothing itself, so no points line; the call's own points still show as a snackbar.
        Assert.Null(card.QuerySelector("[data-testid=achievement-points]"));
        Assert.Equal("+15 Completed call", Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Message);
        // Positive control: a badge card has no flame.
        Notifier.Publish(new PointsNotification(tenantId, agentId, 45, 45, 15, 500, 7, 1, null, 20, "Badge earned: Week Warrior",
            [new AchievementNotice(AchievementKind.BadgeEarned, "Week Warrior", "Earn points on 7 days in a row.", 20, "fire", BadgeRarity.Rare)],
            TransactionType.BadgeReward, 20, "Badge earned: Week Warrior"));
        indicator.WaitForAssertion(() => Assert.Equal(2, indicator.FindAll(".achievement-card").Count));
        Assert.Null(indicator.FindAll(".achievement-card")[1].QuerySelector("[data-testid=achievement-flame]"));
    }

    [Fact]
    public void A_level_up_lists_the_badges_it_unlocked_in_its_celebration()
    {
        var indicator = RenderLoadedAtZero();

        Notifier.Publish(new PointsNotification(tenantId, agentId, 1200, 1200, 30, 550, 1, 2, 2, 180, "Perfect call (5★): +30",
            [new AchievementNotice(AchievementKind.BadgeEarned, "Level 2 Reached", "Badge unlocked: Reach level 2.", 25, "bronze", BadgeRarity.Common)],
            TransactionType.Activity, 30, "Perfect call (5★)"));

        indicator.WaitForAssertion(() => Assert.NotEmpty(indicator.FindAll("#level-up-celebration")));
        var extras = indicator.Find("#level-up-achievements");
        Assert.Contains("Level 2 Reached", extras.TextContent, StringComparison.Ordinal);
        Assert.Contains("+25 points", extras.TextContent, StringComparison.Ordinal);
        // One celebration at a time: no corner card over the level-up.
        Assert.Empty(indicator.FindAll("[data-testid=achievement-celebration]"));
    }

    [Fact]
    public void Closing_the_page_unsubscribes_from_the_notifier()
    {
        var indicator = RenderIndicator();
        Assert.Equal(1, Notifier.SubscriberCount);

        indicator.Instance.Dispose();

        Assert.Equal(0, Notifier.SubscriberCount);
    }

    [Fact]
    public void The_notifier_delivers_to_the_matching_user_only_and_survives_failing_subscribers()
    {
        var notifier = new CircuitNotifier(NullLogger<CircuitNotifier>.Instance);
        var received = new List<string>();
        using var failing = notifier.Subscribe(tenantId, agentId, _ => throw new InvalidOperationException("page closed"));
        using var faulted = notifier.Subscribe(tenantId, agentId, _ => Task.FromException(new InvalidOperationException("render failed")));
        var mine = notifier.Subscribe(tenantId, agentId, n => { received.Add(n.Message); return Task.CompletedTask; });
        using var other = notifier.Subscribe(Guid.NewGuid(), agentId, n => { received.Add("other tenant: " + n.Message); return Task.CompletedTask; });

        notifier.Publish(Notification("first"));
        mine.Dispose();
        mine.Dispose();
        notifier.Publish(Notification("second"));

        Assert.Equal(["first"], received);
        Assert.Equal(3, notifier.SubscriberCount);
    }

    [Fact]
    public async Task The_notifier_is_safe_under_concurrent_subscribers_and_publishers()
    {
        var notifier = new CircuitNotifier(NullLogger<CircuitNotifier>.Instance);
        var count = 0;
        var work = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                using var subscription = notifier.Subscribe(tenantId, agentId, _ => { Interlocked.Increment(ref count); return Task.CompletedTask; });
                notifier.Publish(Notification("tick"));
            }
        }));

        await Task.WhenAll(work);

        Assert.Equal(0, notifier.SubscriberCount);
        Assert.True(count >= 8 * 500, $"Each publisher reached at least its own subscriber; {count} deliveries.");
    }

    [Theory]
    [InlineData(TransactionType.Activity, "Perfect call (5★)", 30, 30, "+30 Perfect call (5★)", Severity.Success)]
    [InlineData(TransactionType.Activity, "Completed call", 10, 40, "+40 points (latest: Completed call +10)", Severity.Success)]
    [InlineData(TransactionType.Activity, "daily cap reached", 0, 0, "Daily cap reached: no more activity points today", Severity.Warning)]
    [InlineData(null, "Streak ended", 0, 0, "Streak ended", Severity.Info)]
    [InlineData(TransactionType.Decay, "Inactivity decay", -25, -25, "-25 Inactivity decay", Severity.Warning)]
    public void Snackbar_text_leads_with_the_points(TransactionType? type, string told, long points, long delta, string expected, Severity severity)
    {
        var (text, actualSeverity) = PointsIndicator.SnackbarText(Services.GetRequiredService<IStringLocalizer<SharedResource>>(), Told(type, told, points, delta));

        Assert.Equal(expected, text);
        Assert.Equal(severity, actualSeverity);
    }

    [Fact]
    public void Snackbar_text_takes_the_points_from_the_entry_not_from_the_words()
    {
        // A badge without points writes no entry; its name ends like a points figure, and is shown as it is.
        Assert.Equal(("Badge earned: Top: 3", Severity.Info), PointsIndicator.SnackbarText(Services.GetRequiredService<IStringLocalizer<SharedResource>>(), Told(null, "Badge earned: Top: 3", 0, 0)));
        // An admin's reason with a number in it: the entry's points are the points.
        Assert.Equal(("+50 Bonus: 5", Severity.Success), PointsIndicator.SnackbarText(Services.GetRequiredService<IStringLocalizer<SharedResource>>(), Told(TransactionType.AdminAward, "Bonus: 5", 50, 50)));
    }

    [Theory]
    [InlineData(TransactionType.Redemption, Severity.Info)]
    [InlineData(TransactionType.AdminRevoke, Severity.Warning)]
    [InlineData(null, Severity.Warning)]
    public void Spending_in_the_shop_is_told_as_news_and_a_take_back_as_a_warning_whatever_the_words(TransactionType? cause, Severity severity)
    {
        // An admin's reason may start like a redemption; the entry type decides, not the text.
        var notification = Notification("Redeemed 2 x Team lunch: -240") with
        {
            PointsDelta = -240,
            EntryType = cause,
            EntryPoints = -240,
            EntryReason = "Redeemed 2 x Team lunch",
        };

        var (text, actual) = PointsIndicator.SnackbarText(Services.GetRequiredService<IStringLocalizer<SharedResource>>(), notification);

        Assert.Equal("-240 Redeemed 2 x Team lunch", text);
        Assert.Equal(severity, actual);
    }

    [Theory]
    [InlineData(TransactionType.Activity, "Completed call", 40, "+15 Completed call")]
    [InlineData(TransactionType.BadgeReward, "Badge earned: Challenge Accepted", 40, "+15 points")]
    [InlineData(TransactionType.BadgeReward, "Badge earned: Challenge Accepted", 25, "")]
    public void Snackbar_text_leaves_celebrated_rewards_to_their_celebration(TransactionType type, string reason, long delta, string expected)
    {
        var notification = Told(type, reason, 15, delta) with
        {
            Achievements =
            [
                new AchievementNotice(AchievementKind.ChallengeCompleted, "Daily Ten", "Challenge completed.", 10),
                new AchievementNotice(AchievementKind.BadgeEarned, "Challenge Accepted", "Badge unlocked.", 15, "target", BadgeRarity.Common),
            ],
        };

        Assert.Equal(expected, PointsIndicator.SnackbarText(Services.GetRequiredService<IStringLocalizer<SharedResource>>(), notification).Text);
    }

    [Theory]
    [InlineData(10, 2.0, 1.5, 10, 40, 40, "10 × 2 × 1.5 + 10 = 40")]
    [InlineData(10, 2.0, 1.0, 10, 30, 30, "10 × 2 + 10 = 30")]
    [InlineData(10, 1.0, 1.0, 0, 10, 10, "10 base points")]
    [InlineData(50, 1.0, 1.5, 0, 75, 75, "50 × 1.5 = 75")]
    [InlineData(10, 2.0, 1.0, 10, 30, 0, "capped: 0 of 30 (daily cap reached)")]
    [InlineData(10, 2.0, 1.0, 10, 30, 12, "10 × 2 + 10 = 30, capped: 12 of 30 (daily cap)")]
    public void Activity_breakdown_says_why_it_earned_what(int basePoints, double multiplier, double streak, int bonus, long uncapped, long points, string expected)
    {
        var entry = Entry(TransactionType.Activity, basePoints, (decimal)multiplier, (decimal)streak, bonus, uncapped, points);

        Assert.Equal(expected, BreakdownText.For(L, entry));
    }

    [Fact]
    public void Level_up_and_reward_breakdowns_say_they_are_not_capped()
    {
        Assert.Equal("100 × 1.25 + 25 = 150 level-up bonus (not capped)",
            BreakdownText.For(L, Entry(TransactionType.LevelUp, 100, 1.25m, 1m, 25, 150, 150)));
        Assert.Equal("+50 badge reward (not capped)", BreakdownText.For(L, Entry(TransactionType.BadgeReward, 50, 1m, 1m, 0, 50, 50)));
        Assert.Equal("-1,000 spent on a reward", BreakdownText.For(L, Entry(TransactionType.Redemption, 0, 1m, 1m, 0, -1000, -1000)));
    }

    /// <summary>Renders the indicator and waits until it shows the new agent's 0 points: loaded and listening.</summary>
    private IRenderedComponent<PointsIndicator> RenderLoadedAtZero()
    {
        var indicator = RenderIndicator();
        indicator.WaitForAssertion(() => Assert.Equal("0", indicator.Find("#indicator-points").GetAttribute("data-value")));
        return indicator;
    }

    private IRenderedComponent<PointsIndicator> RenderIndicator(string role = Roles.Agent)
    {
        auth.SetAuthorized("agent@example.test");
        auth.SetRoles(role);
        auth.SetClaims(new Claim(GamificationClaims.TenantId, tenantId.ToString()), new Claim(ClaimTypes.NameIdentifier, agentId));
        // The circuit's scope acts as the signed-in user (CurrentTenantCircuitHandler does this in the app).
        Services.GetRequiredService<CurrentTenant>().Set(tenantId, agentId);
        Render<MudSnackbarProvider>();
        return Render<PointsIndicator>();
    }

    private async Task RecordAsync(int? rating = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<PointsEngine>();
        await engine.RecordActivityAsync(tenantId,
            new ActivityInput($"evt-{Interlocked.Increment(ref nextEvent)}", ActivityType.CallCompleted, agentId, TestClock.Now, rating),
            CancellationToken.None);
    }

    private async Task AwardAsync(long points)
    {
        await using var scope = Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<PointsEngine>();
        await engine.AwardAsync(tenantId, new PointsGrant(agentId, TransactionType.AdminAward, points, "Opening balance"), CancellationToken.None);
    }

    private PointsNotification Notification(string message) =>
        new(tenantId, agentId, 10, 10, 10, 500, 1, 1, null, 10, message);

    /// <summary>A change told by an entry of <paramref name="type"/> (its message as the engine words it), or by a message alone when the type is null.</summary>
    private PointsNotification Told(TransactionType? type, string told, long points, long delta) => type is null
        ? Notification(told) with { PointsDelta = delta }
        : Notification(points == 0 ? told : $"{told}: {BreakdownText.WithSign(points)}") with
        {
            PointsDelta = delta,
            EntryType = type,
            EntryPoints = points,
            EntryReason = told,
        };

    private static TransactionView Entry(TransactionType type, int basePoints, decimal multiplier, decimal streak, int bonus, long uncapped, long points) =>
        new(1, DateTimeOffset.UtcNow, DateTime.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow), type, points, basePoints, multiplier, streak, bonus,
            uncapped, "reason", TransactionSource.ActivityEvent, null);

    private void Seed()
    {
        using var db = ComponentTestServices.OpenDatabase(DatabasePath);
        db.Database.EnsureCreated();
        var now = TestClock.Now;
        db.Tenants.Add(new Tenant { Id = tenantId, Name = "Indicator Test", TimeZoneId = "UTC", CreatedAt = now });
        var config = TenantPresets.Create(tenantId, GamificationPreset.Moderate, now);
        config.StreakSkipsDaysOff = false;
        db.GamificationConfigs.Add(config);
        db.PlayerLevels.AddRange(Enumerable.Range(1, 10).Select(n => new PlayerLevel
        {
            TenantId = tenantId,
            LevelNumber = n,
            Name = n switch { <= 3 => "Bronze", <= 6 => "Silver", <= 9 => "Gold", _ => "Legend" },
            PointsRequired = n == 1 ? 0 : 1000,
            PointsTotalRequired = (n - 1) * 1000L,
        }));
        db.Users.Add(new ApplicationUser
        {
            Id = agentId,
            TenantId = tenantId,
            UserName = "agent@example.test",
            NormalizedUserName = "AGENT@EXAMPLE.TEST",
            DisplayName = "Test Agent",
            ExternalId = "agent-01",
            CreatedAt = now,
        });
        db.SaveChanges();
    }
}
