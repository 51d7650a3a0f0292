using Bunit;

using Gamification.Tests.Localization;
using Gamification.Web.Components.Shared;
using Gamification.Web.Notifications;

using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The app-bar bell over a real database: the agent's unread count, their notices newest first (nobody else's), marking
/// one or all read, and a reminder stored by the reminder pass showing at once on the open page.
/// </summary>
public sealed class NotificationBellTests : PageTestContext
{
    private long Notice(string userId, NotificationKind kind, DateOnly day, string text, DateTimeOffset createdAt, DateTimeOffset? readAt = null)
    {
        using var db = NewContext();
        var notice = new UserNotification
        {
            TenantId = TenantId,
            UserId = userId,
            Kind = kind,
            Title = kind == NotificationKind.StreakReminder ? "Keep your streak" : "Your points decay soon",
            Text = text,
            LocalDate = day,
            CreatedAt = createdAt,
            ReadAt = readAt,
        };
        db.UserNotifications.Add(notice);
        db.SaveChanges();
        return notice.Id;
    }

    private IRenderedComponent<NotificationBell> RenderBell()
    {
        RenderProviders();
        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.NotEmpty(bell.FindAll("#notification-bell")));
        return bell;
    }

    private void Open(IRenderedComponent<NotificationBell> bell)
    {
        bell.Find("#notification-bell").Click();
        bell.WaitForAssertion(() => Assert.NotEmpty(bell.FindAll("#notification-panel")));
    }

    [Fact]
    public void An_agent_sees_the_unread_count_and_their_own_notices_newest_first_and_a_click_marks_one_read()
    {
        SignIn(Roles.Agent);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var older = Notice(AgentId, NotificationKind.DecayWarning, today.AddDays(3), "On Sat 7 Mar you lose 5 %, 12 points unless you earn points before.",
            Now.AddDays(-1), readAt: Now.AddHours(-20));
        var newer = Notice(AgentId, NotificationKind.StreakReminder, today, "Your 6-day streak ends at midnight: one call today keeps it going.", Now.AddHours(-1));
        Notice(SecondAgentId, NotificationKind.StreakReminder, today, "Someone else's streak.", Now);

        var bell = RenderBell();

        Assert.Equal("1", bell.Find("#notification-bell").GetAttribute("data-unread"));
        Assert.Equal("Notifications: 1 unread", bell.Find("#notification-bell").GetAttribute("aria-label"));
        Assert.Equal(("1", "1 unread"), (bell.Find("[data-testid=notification-badge] .mud-badge").TextContent, bell.Find("[data-testid=notification-badge] .mud-badge").GetAttribute("aria-label")));
        Open(bell);
        var items = bell.FindAll("[data-testid=notification-item]");
        Assert.Equal([$"notification-{newer}", $"notification-{older}"], items.Select(i => i.GetAttribute("id")));
        Assert.Equal(["streak_reminder", "decay_warning"], items.Select(i => i.GetAttribute("data-kind")));
        Assert.Equal(["false", "true"], items.Select(i => i.GetAttribute("data-read")));
        Assert.Equal("Your 6-day streak ends at midnight: one call today keeps it going.", items[0].QuerySelector("[data-testid=notification-text]")!.TextContent.Trim());

        bell.Find($"#notification-{newer}").Click();

        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("#notification-bell").GetAttribute("data-unread")));
        bell.WaitForAssertion(() => Assert.Equal("true", bell.Find($"#notification-{newer}").GetAttribute("data-read")));
        // A notice chosen keeps the list open; with nothing unread the badge goes.
        Assert.Equal("true", bell.Find("#notification-bell").GetAttribute("aria-expanded"));
        Assert.Empty(bell.FindAll("[data-testid=notification-badge] .mud-badge"));
        Assert.Equal(Now, Db(db => db.UserNotifications.IgnoreQueryFilters().Single(n => n.Id == newer).ReadAt));
        Assert.Equal(Now.AddHours(-20), Db(db => db.UserNotifications.IgnoreQueryFilters().Single(n => n.Id == older).ReadAt));
        Assert.Null(Db(db => db.UserNotifications.IgnoreQueryFilters().Single(n => n.UserId == SecondAgentId).ReadAt));
    }

    [Fact]
    public void The_bell_is_a_menu_button_whose_list_escape_tab_and_a_click_outside_close()
    {
        SignIn(Roles.Agent);
        var notice = Notice(AgentId, NotificationKind.StreakReminder, DateOnly.FromDateTime(Now.UtcDateTime), "Today's reminder.", Now.AddHours(-1));
        var bell = RenderBell();

        var button = bell.Find("#notification-bell");
        Assert.Equal(("menu", "false", null), (button.GetAttribute("aria-haspopup"), button.GetAttribute("aria-expanded"), button.GetAttribute("aria-controls")));
        Assert.Empty(bell.FindAll("[role=menu]"));

        Open(bell);
        button = bell.Find("#notification-bell");
        Assert.Equal(("true", "notification-list"), (button.GetAttribute("aria-expanded"), button.GetAttribute("aria-controls")));
        var list = bell.Find("#notification-list");
        Assert.Equal("menu", list.GetAttribute("role"));
        Assert.Equal("notification-title", list.GetAttribute("aria-labelledby"));
        Assert.Equal("Notifications", bell.Find("#notification-title").TextContent.Trim());
        // Its items: "Mark all read" and the notice, each a menu item the arrow keys reach (not a tab stop of its own).
        Assert.Equal(["notification-mark-all", $"notification-{notice}"], list.QuerySelectorAll("[role=menuitem]").Select(i => i.Id));
        Assert.All(list.QuerySelectorAll("[role=menuitem]"), i => Assert.Equal("-1", i.GetAttribute("tabindex")));

        // The arrow keys move the focus in the browser (js/a11y.js, the browser test): the list stays open.
        bell.Find($"#notification-{notice}").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        Assert.Single(bell.FindAll("#notification-list"));
        bell.Find($"#notification-{notice}").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("#notification-list")));
        Assert.Equal("false", bell.Find("#notification-bell").GetAttribute("aria-expanded"));

        Open(bell);
        bell.Find("#notification-mark-all").KeyDown(new KeyboardEventArgs { Key = "Tab" });
        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("#notification-list")));

        Open(bell);
        bell.Find(".app-menu-overlay").Click();
        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("#notification-list")));
        Assert.Equal("false", bell.Find("#notification-bell").GetAttribute("aria-expanded"));
        // Nothing was marked read by closing.
        Assert.Equal("1", bell.Find("#notification-bell").GetAttribute("data-unread"));
    }

    [Fact]
    public void Mark_all_read_clears_the_count_and_only_the_agents_own_notices()
    {
        SignIn(Roles.Agent);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        Notice(AgentId, NotificationKind.StreakReminder, today.AddDays(-1), "Yesterday's reminder.", Now.AddDays(-1));
        Notice(AgentId, NotificationKind.StreakReminder, today, "Today's reminder.", Now.AddHours(-1));
        Notice(SecondAgentId, NotificationKind.StreakReminder, today, "Someone else's streak.", Now);
        var bell = RenderBell();
        Assert.Equal("2", bell.Find("#notification-bell").GetAttribute("data-unread"));
        Open(bell);

        bell.Find("#notification-mark-all").Click();

        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("#notification-bell").GetAttribute("data-unread")));
        Assert.Equal(0, Db(db => db.UserNotifications.IgnoreQueryFilters().Count(n => n.UserId == AgentId && n.ReadAt == null)));
        Assert.Equal(1, Db(db => db.UserNotifications.IgnoreQueryFilters().Count(n => n.UserId == SecondAgentId && n.ReadAt == null)));
        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("#notification-mark-all")));
    }

    [Fact]
    public async Task A_reminder_the_pass_stores_shows_on_the_open_page_at_once()
    {
        SignIn(Roles.Agent);
        var bell = RenderBell();
        Assert.Equal("0", bell.Find("#notification-bell").GetAttribute("data-unread"));
        Open(bell);
        // The empty inbox is a menu item that cannot be chosen (a menu holds items).
        Assert.Equal(("menuitem", "true"), (bell.Find("#notifications-empty").GetAttribute("role"), bell.Find("#notifications-empty").GetAttribute("aria-disabled")));
        bell.Find("#notification-bell").Click();

        var run = await RemindAfterTwoDayStreakAsync();

        Assert.Equal(1, run.StreakReminders);
        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("#notification-bell").GetAttribute("data-unread")));
        var snackbars = Services.GetRequiredService<ISnackbar>();
        var snackbar = Assert.Single(snackbars.ShownSnackbars);
        Assert.Equal(("Your 2-day streak ends at midnight: one call today keeps it going.", Severity.Info), (snackbar.Message, snackbar.Severity));

        // Opening the menu lists it, and its snackbar (over the menu) goes.
        Open(bell);
        bell.WaitForAssertion(() => Assert.Single(bell.FindAll("[data-testid=notification-item]")));
        Assert.Empty(bell.FindAll("#notifications-empty"));
        Assert.Equal("Your 2-day streak ends at midnight: one call today keeps it going.",
            bell.Find("[data-testid=notification-text]").TextContent.Trim());
        bell.WaitForAssertion(() => Assert.Empty(snackbars.ShownSnackbars));
    }

    [Fact]
    public void A_supervisor_sees_the_bell_only_once_they_have_a_notice()
    {
        SignIn(Roles.Supervisor);
        RenderProviders();
        var without = Render<NotificationBell>();
        Assert.Empty(without.FindAll("#notification-bell"));

        Notice(SupervisorId, NotificationKind.DecayWarning, DateOnly.FromDateTime(Now.UtcDateTime).AddDays(3), "On Sat 7 Mar you lose 5 %, 12 points unless you earn points before.", Now);
        var with = Render<NotificationBell>();

        with.WaitForAssertion(() => Assert.Equal("1", with.Find("#notification-bell").GetAttribute("data-unread")));
    }

    [Fact]
    public async Task A_reminder_pushed_from_the_pass_in_English_reads_in_Spanish_on_a_Spanish_readers_page()
    {
        SignIn(Roles.Agent);
        IRenderedComponent<NotificationBell> bell = null!;
        // The reader's page starts in their language, as their circuit does.
        await Culture.InCultureAsync("es", () =>
        {
            bell = RenderBell();
            return Task.CompletedTask;
        });

        // The pass runs (and pushes) in English, as the job does on an English server.
        await RemindAfterTwoDayStreakAsync();

        bell.WaitForAssertion(() => Assert.Equal("1", bell.Find("#notification-bell").GetAttribute("data-unread")));
        var snackbar = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("Tu racha de 2 días termina a medianoche: una llamada hoy la mantiene.", snackbar.Message);
        Assert.Equal("Your 2-day streak ends at midnight: one call today keeps it going.",
            Db(db => db.UserNotifications.IgnoreQueryFilters().Single(n => n.UserId == AgentId).Text));
    }

    [Theory]
    [InlineData(1, "1")]
    [InlineData(99, "99")]
    [InlineData(100, "99+")]
    public void The_badge_counts_up_to_99_as_MudBadge_with_Max_99(int unread, string shown) =>
        Assert.Equal(shown, NotificationBell.BadgeText(unread));

    /// <summary>
    /// A 2-day streak (Monday and Tuesday), nothing yet on Wednesday: at 16:00 (UTC tenant) the reminder pass reminds
    /// the agent, and pushes the notice to their open pages.
    /// </summary>
    private async Task<ReminderRun> RemindAfterTwoDayStreakAsync()
    {
        Clock.SetUtcNow(Now.AddDays(-2).AddHours(-2));
        await CallAsync(AgentId);
        Clock.SetUtcNow(Now.AddDays(-1).AddHours(-2));
        await CallAsync(AgentId);
        Clock.SetUtcNow(Now.AddHours(4));
        var pass = new ReminderService(Services.GetRequiredService<IDbContextFactory<GamificationDbContext>>(), Clock,
            NullLogger<ReminderService>.Instance, Services.GetRequiredService<CircuitNotifier>());
        return await pass.SendDueAsync(TenantId, CancellationToken.None);
    }
}
