using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Notifications;

/// <summary>Keeps what the reminder pass publishes.</summary>
internal sealed class RecordingPublisher : INotificationPublisher
{
    private readonly List<(Guid TenantId, string UserId, NotificationView Notification)> published = [];

    public IReadOnlyList<(Guid TenantId, string UserId, NotificationView Notification)> Published
    {
        get
        {
            lock (published)
            {
                return [.. published];
            }
        }
    }

    public void Publish(Guid tenantId, string userId, NotificationView notification)
    {
        lock (published)
        {
            published.Add((tenantId, userId, notification));
        }
    }
}

/// <summary>
/// The streak reminder (docs/rules.md, Reminders and celebrations) on a fake clock: once, from 15:00 on the tenant's wall
/// clock, on working days only, never twice (rerun or concurrent), never to someone active today, who turned it off,
/// whose tenant turned it off, or whose streak is shorter than 2 days.
/// </summary>
public sealed class ReminderTests
{
    private const string NewYork = "America/New_York";

    private static readonly DateOnly Monday = new(2026, 3, 2);

    private static ReminderService Reminders(PointsFixture fx, RecordingPublisher? publisher = null) =>
        new(fx, fx.Clock, NullLogger<ReminderService>.Instance, publisher);

    /// <summary>The UTC instant of a wall-clock time in <paramref name="zone"/>.</summary>
    private static DateTimeOffset Local(string zone, DateOnly day, int hour, int minute = 0) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), TimeZoneInfo.FindSystemTimeZoneById(zone)), TimeSpan.Zero);

    /// <summary>A completed call by the user at 10:00 on that local day.</summary>
    private static async Task ActiveOnAsync(PointsFixture fx, string zone, string userId, params DateOnly[] days)
    {
        foreach (var day in days)
        {
            fx.Clock.SetUtcNow(Local(zone, day, 10));
            await fx.EventAsync(userId, ActivityType.CallCompleted);
        }
    }

    private static async Task<int> SendAsync(PointsFixture fx, RecordingPublisher? publisher = null, DateTimeOffset? at = null)
    {
        if (at is { } now)
        {
            fx.Clock.SetUtcNow(now);
        }
        var run = await Reminders(fx, publisher).SendDueAsync(fx.TenantId, CancellationToken.None);
        return run.StreakReminders + run.DecayWarnings;
    }

    private static void Change(PointsFixture fx, Action<GamificationDbContext> change)
    {
        using var db = fx.CreateContext();
        change(db);
        db.SaveChanges();
    }

    [Fact]
    public async Task The_streak_reminder_fires_once_on_the_right_local_afternoon()
    {
        using var fx = PointsFixture.InMemory(NewYork);
        var publisher = new RecordingPublisher();
        await ActiveOnAsync(fx, NewYork, fx.AgentId, Monday, Monday.AddDays(1), Monday.AddDays(2), Monday.AddDays(3));
        var friday = Monday.AddDays(4);
        Assert.Equal((4, Monday.AddDays(3)), (fx.Points().StreakDays, fx.Points().LastActiveDate));

        // 15:00 UTC is 10:00 in New York (EST, UTC-5): the UTC afternoon is the New York morning.
        var utcAfternoon = await SendAsync(fx, publisher, new DateTimeOffset(2026, 3, 6, 15, 0, 0, TimeSpan.Zero));
        var justBefore = await SendAsync(fx, publisher, Local(NewYork, friday, 14, 59));
        var atThree = await SendAsync(fx, publisher, Local(NewYork, friday, 15, 0));
        var quarterPast = await SendAsync(fx, publisher, Local(NewYork, friday, 15, 15));
        var lateEvening = await SendAsync(fx, publisher, Local(NewYork, friday, 23, 45));

        Assert.Equal((0, 0, 1, 0, 0), (utcAfternoon, justBefore, atThree, quarterPast, lateEvening));
        var notice = Assert.Single(fx.All<UserNotification>());
        Assert.Equal((fx.TenantId, fx.AgentId, NotificationKind.StreakReminder, friday), (notice.TenantId, notice.UserId, notice.Kind, notice.LocalDate));
        Assert.Equal("Keep your 4-day streak", notice.Title);
        Assert.Equal("Your 4-day streak ends at midnight: one call today keeps it going.", notice.Text);
        Assert.Equal("{\"streak_days\":4}", notice.DataJson);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 20, 0, 0, TimeSpan.Zero), notice.CreatedAt);
        Assert.Null(notice.ReadAt);
        var pushed = Assert.Single(publisher.Published);
        Assert.Equal((fx.TenantId, fx.AgentId, notice.Id, notice.Text), (pushed.TenantId, pushed.UserId, pushed.Notification.Id, pushed.Notification.Text));
    }

    [Fact]
    public async Task No_reminder_on_a_day_off_when_streaks_skip_days_off_and_the_streak_is_still_reminded_after_them()
    {
        using var fx = PointsFixture.InMemory(NewYork, c =>
        {
            c.StreakSkipsDaysOff = true;
            c.DaysOff = [DayOfWeek.Saturday, DayOfWeek.Sunday];
        });
        var (wednesday, saturday, sunday, nextMonday) = (Monday.AddDays(2), Monday.AddDays(5), Monday.AddDays(6), Monday.AddDays(7));
        await ActiveOnAsync(fx, NewYork, fx.AgentId, wednesday, wednesday.AddDays(1), wednesday.AddDays(2));

        var onSaturday = await SendAsync(fx, at: Local(NewYork, saturday, 16));
        // Sunday 8 March is the 23-hour day (daylight saving starts): 16:00 is EDT.
        var onSunday = await SendAsync(fx, at: Local(NewYork, sunday, 16));
        var onMonday = await SendAsync(fx, at: Local(NewYork, nextMonday, 16));

        Assert.Equal((0, 0, 1), (onSaturday, onSunday, onMonday));
        var notice = Assert.Single(fx.All<UserNotification>());
        Assert.Equal((nextMonday, "Your 3-day streak ends at midnight: one call today keeps it going."), (notice.LocalDate, notice.Text));
    }

    [Fact]
    public async Task A_weekend_day_is_a_working_day_when_streaks_do_not_skip_days_off()
    {
        using var fx = PointsFixture.InMemory(NewYork, c =>
        {
            c.StreakSkipsDaysOff = false;
            c.DaysOff = [DayOfWeek.Saturday, DayOfWeek.Sunday];
        });
        var saturday = Monday.AddDays(5);
        await ActiveOnAsync(fx, NewYork, fx.AgentId, saturday.AddDays(-2), saturday.AddDays(-1));

        var sent = await SendAsync(fx, at: Local(NewYork, saturday, 16));

        // Without the option a missed Saturday does end the streak: the reminder is true, so it goes.
        Assert.Equal(1, sent);
        Assert.Equal(saturday, Assert.Single(fx.All<UserNotification>()).LocalDate);
    }

    [Fact]
    public async Task Running_the_pass_again_or_twice_at_once_sends_one_reminder()
    {
        using var fx = PointsFixture.OnFile();
        var publisher = new RecordingPublisher();
        var others = Enumerable.Range(2, 5).Select(i => fx.AddAgent($"agent-{i:00}")).ToList();
        foreach (var userId in others.Prepend(fx.AgentId))
        {
            await ActiveOnAsync(fx, "UTC", userId, Monday, Monday.AddDays(1));
        }
        fx.Clock.SetUtcNow(Local("UTC", Monday.AddDays(2), 16));

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SendAsync(fx, publisher))));
        var again = await SendAsync(fx, publisher);

        Assert.Equal(6, concurrent.Sum());
        Assert.Equal(0, again);
        var notices = fx.All<UserNotification>();
        Assert.Equal(6, notices.Count);
        Assert.Equal(others.Prepend(fx.AgentId).Order(StringComparer.Ordinal), notices.Select(n => n.UserId).Order(StringComparer.Ordinal));
        Assert.Equal(notices.Select(n => n.Id).Order(), publisher.Published.Select(p => p.Notification.Id).Order());
    }

    [Fact]
    public async Task An_agent_already_active_today_is_not_reminded()
    {
        using var fx = PointsFixture.InMemory(NewYork);
        var idle = fx.AddAgent("agent-02");
        await ActiveOnAsync(fx, NewYork, fx.AgentId, Monday, Monday.AddDays(1));
        await ActiveOnAsync(fx, NewYork, idle, Monday, Monday.AddDays(1));
        var wednesday = Monday.AddDays(2);
        fx.Clock.SetUtcNow(Local(NewYork, wednesday, 9));
        await fx.CallAsync();

        var sent = await SendAsync(fx, at: Local(NewYork, wednesday, 16));

        Assert.Equal(1, sent);
        var notice = Assert.Single(fx.All<UserNotification>());
        Assert.Equal((idle, "Keep your 2-day streak"), (notice.UserId, notice.Title));
        Assert.Equal(3, fx.Points().StreakDays);
    }

    [Fact]
    public async Task An_agent_who_turned_reminders_off_is_not_reminded()
    {
        using var fx = PointsFixture.InMemory(NewYork);
        var keen = fx.AddAgent("agent-02");
        await ActiveOnAsync(fx, NewYork, fx.AgentId, Monday, Monday.AddDays(1));
        await ActiveOnAsync(fx, NewYork, keen, Monday, Monday.AddDays(1));
        Change(fx, db => db.Users.IgnoreQueryFilters().Single(u => u.Id == fx.AgentId).StreakReminders = false);

        var sent = await SendAsync(fx, at: Local(NewYork, Monday.AddDays(2), 16));

        Assert.Equal(1, sent);
        Assert.Equal(keen, Assert.Single(fx.All<UserNotification>()).UserId);
    }

    [Fact]
    public async Task A_tenant_that_turned_reminders_off_sends_none_until_it_turns_them_on()
    {
        using var fx = PointsFixture.InMemory(NewYork, c => c.StreakReminders = false);
        await ActiveOnAsync(fx, NewYork, fx.AgentId, Monday, Monday.AddDays(1));
        var wednesday = Monday.AddDays(2);

        var off = await SendAsync(fx, at: Local(NewYork, wednesday, 16));
        Change(fx, db => db.GamificationConfigs.IgnoreQueryFilters().Single(c => c.TenantId == fx.TenantId).StreakReminders = true);
        var on = await SendAsync(fx, at: Local(NewYork, wednesday, 16, 15));

        Assert.Equal((0, 1), (off, on));
        Assert.Equal(fx.AgentId, Assert.Single(fx.All<UserNotification>()).UserId);
    }

    [Fact]
    public async Task A_streak_of_one_day_a_dead_streak_and_a_deactivated_agent_get_no_reminder()
    {
        using var fx = PointsFixture.InMemory(NewYork);
        var (oneDay, dead, gone) = (fx.AddAgent("agent-02"), fx.AddAgent("agent-03"), fx.AddAgent("agent-04"));
        var thursday = Monday.AddDays(3);
        await ActiveOnAsync(fx, NewYork, fx.AgentId, thursday.AddDays(-2), thursday.AddDays(-1));
        await ActiveOnAsync(fx, NewYork, oneDay, thursday.AddDays(-1));
        await ActiveOnAsync(fx, NewYork, dead, Monday, Monday.AddDays(1));
        await ActiveOnAsync(fx, NewYork, gone, thursday.AddDays(-2), thursday.AddDays(-1));
        Change(fx, db => db.Users.IgnoreQueryFilters().Single(u => u.Id == gone).IsActive = false);

        var sent = await SendAsync(fx, at: Local(NewYork, thursday, 16));

        // The dead streak is 2 days as stored (the expiry job has not run), but it ended on Wednesday.
        Assert.Equal((1, 2, 2), (fx.Points(oneDay).StreakDays, fx.Points(dead).StreakDays, fx.Points(gone).StreakDays));
        Assert.Equal(1, sent);
        Assert.Equal(fx.AgentId, Assert.Single(fx.All<UserNotification>()).UserId);
    }

    [Fact]
    public async Task The_decay_notice_comes_once_three_days_before_each_decay()
    {
        using var fx = PointsFixture.InMemory("UTC");
        var publisher = new RecordingPublisher();
        await fx.CallAsync();
        Change(fx, db => db.UserPoints.IgnoreQueryFilters().Single(p => p.UserId == fx.AgentId).CurrentPoints = 1_680);
        // Moderate: 5 % after 30 idle days. Last active Monday 2 March: the first decay is on Wednesday 1 April.
        var decayDay = new DateOnly(2026, 4, 1);
        Assert.Equal((5, 30), (fx.All<GamificationConfig>().Single().PointsDecayPercent, fx.All<GamificationConfig>().Single().DecayPeriodDays));

        var fourDaysBefore = await SendAsync(fx, publisher, Local("UTC", decayDay.AddDays(-4), 23, 59));
        var threeDaysBefore = await SendAsync(fx, publisher, Local("UTC", decayDay.AddDays(-3), 0, 0));
        var laterThatDay = await SendAsync(fx, publisher, Local("UTC", decayDay.AddDays(-3), 16));
        var dayBefore = await SendAsync(fx, publisher, Local("UTC", decayDay.AddDays(-1), 9));

        Assert.Equal((0, 1, 0, 0), (fourDaysBefore, threeDaysBefore, laterThatDay, dayBefore));
        var notice = Assert.Single(fx.All<UserNotification>());
        Assert.Equal((NotificationKind.DecayWarning, decayDay, new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero)), (notice.Kind, notice.LocalDate, notice.CreatedAt));
        Assert.Equal("Your points decay on Wed 1 Apr", notice.Title);
        Assert.Equal("On Wed 1 Apr you lose 5 %, 84 points unless you earn points before.", notice.Text);
        Assert.Equal("{\"day\":\"2026-04-01\",\"percent\":5,\"points\":84}", notice.DataJson);
        Assert.Equal(notice.Id, Assert.Single(publisher.Published).Notification.Id);

        // The decay is applied (1,680 - 84 = 1,596); the next one, 30 days later on Friday 1 May, is announced on its own.
        fx.Clock.SetUtcNow(Local("UTC", decayDay, 0, 5));
        await fx.Engine.DecayAsync(fx.TenantId, CancellationToken.None);
        Assert.Equal(1_596, fx.Points().CurrentPoints);
        var nextDecay = new DateOnly(2026, 5, 1);
        var beforeNext = await SendAsync(fx, publisher, Local("UTC", nextDecay.AddDays(-4), 12));
        var beforeNextThree = await SendAsync(fx, publisher, Local("UTC", nextDecay.AddDays(-3), 12));

        Assert.Equal((0, 1), (beforeNext, beforeNextThree));
        var next = fx.All<UserNotification>().Single(n => n.Id != notice.Id);
        Assert.Equal((nextDecay, "On Fri 1 May you lose 5 %, 79 points unless you earn points before."), (next.LocalDate, next.Text));
    }

    [Fact]
    public async Task Activity_before_the_notice_day_moves_the_decay_and_its_notice()
    {
        using var fx = PointsFixture.InMemory("UTC");
        await fx.CallAsync();
        Change(fx, db => db.UserPoints.IgnoreQueryFilters().Single(p => p.UserId == fx.AgentId).CurrentPoints = 1_000);
        fx.Clock.SetUtcNow(Local("UTC", new DateOnly(2026, 3, 20), 10));
        await fx.CallAsync();

        // Without the call of 20 March the notice would go on 29 March; now the decay is on 19 April.
        var onOldDay = await SendAsync(fx, at: Local("UTC", new DateOnly(2026, 3, 29), 10));
        var onNewDay = await SendAsync(fx, at: Local("UTC", new DateOnly(2026, 4, 16), 10));

        Assert.Equal((0, 1), (onOldDay, onNewDay));
        Assert.Equal(new DateOnly(2026, 4, 19), Assert.Single(fx.All<UserNotification>()).LocalDate);
    }

    [Theory]
    [InlineData(14, 59, false)]
    [InlineData(15, 0, true)]
    [InlineData(23, 59, true)]
    [InlineData(0, 0, false)]
    public void Reminder_time_is_from_15_00_on_the_tenants_wall_clock(int hour, int minute, bool expected)
    {
        // Kolkata is UTC+5:30: its 15:00 is 09:30 UTC.
        var clock = TenantClock.For("Asia/Kolkata");
        var config = new GamificationConfig();
        var wednesday = new DateOnly(2026, 3, 4);

        Assert.Equal(expected, NotificationRules.IsStreakReminderTime(Local("Asia/Kolkata", wednesday, hour, minute), clock, config));
        Assert.False(NotificationRules.IsStreakReminderTime(Local("Asia/Kolkata", wednesday, 16), clock, new GamificationConfig { StreakReminders = false }));
        Assert.False(NotificationRules.IsStreakReminderTime(Local("Asia/Kolkata", wednesday, 16), clock, new GamificationConfig { Enabled = false }));
    }
}
