using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Browser;

/// <summary>
/// An agent with a 6-day streak and no call yet today has the app open when the afternoon reminder pass runs: the bell
/// counts it at once (no reload), the menu shows it, and a click marks it read. And the dashboard lights the streak
/// milestones reached.
/// </summary>
public sealed class ReminderFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string Agent = "agent05@acme.test";

    [Fact]
    public async Task The_afternoon_streak_reminder_appears_in_the_bell_of_the_open_page()
    {
        var app = Browser.App;
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var userId = await app.UserIdAsync(Agent);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal(zone.Id, await app.WithDbAsync(db => db.Tenants.Where(t => t.Id == acme).Select(t => t.TimeZoneId).SingleAsync()));
        // The reminder day: the app's local day, or the next working day when that is one of Acme's days off (the test
        // clock is noon in New York, which is Saturday's when the run starts on a Friday afternoon): streak reminders
        // come on working days only.
        var config = await app.WithDbAsync(db => db.GamificationConfigs.IgnoreQueryFilters().SingleAsync(c => c.TenantId == acme));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Now, zone).DateTime);
        while (!PointsRules.IsCountingDay(today, config))
        {
            today = today.AddDays(1);
        }
        var lastActive = PointsRules.PreviousCountingDay(today, config);
        await app.WithDbAsync(async db =>
        {
            var points = await db.UserPoints.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.UserId == userId);
            if (points is null)
            {
                points = new UserPoints { TenantId = acme, UserId = userId, UpdatedAt = app.Now };
                db.UserPoints.Add(points);
            }
            (points.StreakDays, points.LastActiveDate, points.LastActivityAt) = (6, lastActive, app.Now.AddDays(-1));
            return await db.SaveChangesAsync();
        });
        await SignInAndOpenAsync(Agent, "/");
        await Expect(Page.Locator("#notification-bell")).ToHaveAttributeAsync("data-unread", "0");

        // The pass at 15:30 in New York (Acme's zone) on the same local day.
        var afternoon = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(new TimeOnly(15, 30)), zone), TimeSpan.Zero);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var pass = new ReminderService(scope.ServiceProvider.GetRequiredService<IDbContextFactory<GamificationDbContext>>(),
                new FakeTimeProvider(afternoon), NullLogger<ReminderService>.Instance, app.Services.GetRequiredService<INotificationPublisher>());
            var run = await pass.SendDueAsync(acme, CancellationToken.None);
            Assert.Equal(1, run.StreakReminders);
        }

        await Expect(Page.Locator("#notification-bell")).ToHaveAttributeAsync("data-unread", "1");
        await Page.Locator("#notification-bell").ClickAsync();
        var item = Page.Locator("[data-testid=notification-item]");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item).ToContainTextAsync("Your 6-day streak ends at midnight: one call today keeps it going.");
        await Expect(item).ToHaveAttributeAsync("data-read", "false");
        await ScreenshotAsync("streak-reminder-bell");

        await item.ClickAsync();

        await Expect(item).ToHaveAttributeAsync("data-read", "true");
        await Expect(Page.Locator("#notification-bell")).ToHaveAttributeAsync("data-unread", "0");
        Assert.NotNull(await app.WithDbAsync(db => db.UserNotifications.IgnoreQueryFilters().Where(n => n.UserId == userId).Select(n => n.ReadAt).SingleAsync()));
    }

    [Fact]
    public async Task The_dashboard_lights_the_streak_milestones_reached()
    {
        var app = Browser.App;
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var userId = await app.UserIdAsync("agent06@acme.test");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Now, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);
        await app.WithDbAsync(async db =>
        {
            var points = await db.UserPoints.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.UserId == userId);
            if (points is null)
            {
                points = new UserPoints { TenantId = acme, UserId = userId, UpdatedAt = app.Now };
                db.UserPoints.Add(points);
            }
            (points.StreakDays, points.LongestStreak, points.LastActiveDate) = (5, 8, today);
            return await db.SaveChangesAsync();
        });

        await SignInAndOpenAsync("agent06@acme.test", "/dashboard/gamification");

        await Expect(Page.Locator("#streak-milestones")).ToHaveAttributeAsync("data-longest", "8");
        await Expect(Page.Locator("#streak-milestones [data-reached=true]")).ToHaveCountAsync(2);
        await Expect(Page.Locator("[data-testid=streak-milestone-7]")).ToHaveAttributeAsync("data-reached", "true");
        await Expect(Page.Locator("[data-testid=streak-milestone-14]")).ToHaveAttributeAsync("data-reached", "false");
        await Expect(Page.Locator("#streak-next-milestone")).ToHaveTextAsync("2 days more to a 7-day streak");
        await ScreenshotAsync("streak-milestones");
    }
}
