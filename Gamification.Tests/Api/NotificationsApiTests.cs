namespace Gamification.Tests.Api;

/// <summary>
/// The caller's inbox: GET /me/notifications (newest first, unread count, limit), POST /me/notifications/{id}/read and
/// /read-all. Only the caller's own notices: a colleague's, another tenant's or a missing id answers 404 and changes nothing.
/// </summary>
public sealed class NotificationsApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Inbox = "/api/v1/gamification/me/notifications";

    private async Task<long> NoticeAsync(string email, NotificationKind kind, DateOnly day, string text, DateTimeOffset createdAt)
    {
        var userId = await app.UserIdAsync(email);
        return await app.WithDbAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == userId);
            var notice = new UserNotification
            {
                TenantId = user.TenantId!.Value,
                UserId = userId,
                Kind = kind,
                Title = kind == NotificationKind.StreakReminder ? "Keep your 6-day streak" : "Your points decay on Sat 12 Dec",
                Text = text,
                DataJson = kind == NotificationKind.StreakReminder ? "{\"streak_days\":6}" : null,
                LocalDate = day,
                CreatedAt = createdAt,
            };
            db.UserNotifications.Add(notice);
            await db.SaveChangesAsync();
            return notice.Id;
        });
    }

    private Task<DateTimeOffset?> ReadAtAsync(long id) =>
        app.WithDbAsync(db => db.UserNotifications.IgnoreQueryFilters().Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync());

    [Fact]
    public async Task An_agent_lists_their_notices_newest_first_with_the_unread_count_and_marks_them_read()
    {
        var today = DateOnly.FromDateTime(app.Now.UtcDateTime);
        var older = await NoticeAsync("agent07@acme.test", NotificationKind.DecayWarning, today.AddDays(3),
            "On Sat 12 Dec you lose 5 %, 84 points unless you earn points before.", app.Now.AddDays(-1));
        var newer = await NoticeAsync("agent07@acme.test", NotificationKind.StreakReminder, today,
            "Your 6-day streak ends at midnight: one call today keeps it going.", app.Now.AddMinutes(-5));
        await NoticeAsync("agent08@acme.test", NotificationKind.StreakReminder, today, "A colleague's reminder.", app.Now);
        var agent = await app.ClientForAsync("agent07@acme.test");

        var inbox = await agent.GetFromJsonAsync<JsonElement>(Inbox);

        Assert.Equal(2, inbox.GetProperty("unread_count").GetInt32());
        var items = inbox.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([newer, older], items.Select(i => i.GetProperty("id").GetInt64()));
        var first = items[0];
        Assert.Equal("streak_reminder", first.GetProperty("kind").GetString());
        Assert.Equal("Keep your 6-day streak", first.GetProperty("title").GetString());
        Assert.Equal("Your 6-day streak ends at midnight: one call today keeps it going.", first.GetProperty("text").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first.GetProperty("local_date").GetString());
        Assert.Equal(6, first.GetProperty("data").GetProperty("streak_days").GetInt32());
        Assert.Equal((JsonValueKind.Null, false), (first.GetProperty("read_at").ValueKind, first.GetProperty("read").GetBoolean()));
        Assert.Equal("decay_warning", items[1].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("data").ValueKind);

        var read = await agent.PostAsync($"{Inbox}/{newer}/read", null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var readBody = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((newer, true), (readBody.GetProperty("id").GetInt64(), readBody.GetProperty("read").GetBoolean()));
        var firstReadAt = await ReadAtAsync(newer);
        Assert.NotNull(firstReadAt);
        // Again: still read, at the first time.
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"{Inbox}/{newer}/read", null)).StatusCode);
        Assert.Equal(firstReadAt, await ReadAtAsync(newer));
        Assert.Equal(1, (await agent.GetFromJsonAsync<JsonElement>(Inbox)).GetProperty("unread_count").GetInt32());

        var all = await agent.PostAsync($"{Inbox}/read-all", null);
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var allBody = await all.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 0), (allBody.GetProperty("marked").GetInt32(), allBody.GetProperty("unread_count").GetInt32()));
        var after = await agent.GetFromJsonAsync<JsonElement>(Inbox);
        Assert.Equal(0, after.GetProperty("unread_count").GetInt32());
        Assert.All(after.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("read").GetBoolean()));
        // The colleague's notice is untouched by the agent's read-all.
        var colleague = await app.ClientForAsync("agent08@acme.test");
        Assert.Equal(1, (await colleague.GetFromJsonAsync<JsonElement>(Inbox)).GetProperty("unread_count").GetInt32());
    }

    [Fact]
    public async Task A_colleagues_another_tenants_or_a_missing_notice_answers_404_and_stays_unread()
    {
        var today = DateOnly.FromDateTime(app.Now.UtcDateTime);
        var colleagues = await NoticeAsync("agent09@acme.test", NotificationKind.StreakReminder, today, "A colleague's reminder.", app.Now);
        var globex = await NoticeAsync("agent01@globex.test", NotificationKind.StreakReminder, today, "Another tenant's reminder.", app.Now);
        var mine = await NoticeAsync("agent10@acme.test", NotificationKind.StreakReminder, today, "My reminder.", app.Now);
        var agent = await app.ClientForAsync("agent10@acme.test");
        var globexAdmin = await app.ClientForAsync("admin@globex.test");

        foreach (var id in new[] { colleagues, globex, 999_999_999L })
        {
            var response = await agent.PostAsync($"{Inbox}/{id}/read", null);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("The notification was not found.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.PostAsync($"{Inbox}/{mine}/read", null)).StatusCode);
        Assert.Null(await ReadAtAsync(colleagues));
        Assert.Null(await ReadAtAsync(globex));
        Assert.Null(await ReadAtAsync(mine));
        // The listing is the caller's own: only their notice (positive control: the same client reads it and marks it read).
        var inbox = await agent.GetFromJsonAsync<JsonElement>(Inbox);
        Assert.Equal([mine], inbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsync($"{Inbox}/{mine}/read", null)).StatusCode);
        Assert.NotNull(await ReadAtAsync(mine));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("many")]
    public async Task A_bad_limit_answers_400_naming_it(string limit)
    {
        var agent = await app.ClientForAsync("agent11@acme.test");

        var response = await agent.GetAsync($"{Inbox}?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task The_limit_keeps_the_newest_and_the_unread_count_counts_them_all()
    {
        var today = DateOnly.FromDateTime(app.Now.UtcDateTime);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await NoticeAsync("agent12@acme.test", NotificationKind.StreakReminder, today.AddDays(-i), $"Reminder {i}.", app.Now.AddDays(-i)));
        }
        var agent = await app.ClientForAsync("agent12@acme.test");

        var inbox = await agent.GetFromJsonAsync<JsonElement>($"{Inbox}?limit=2");

        Assert.Equal([ids[0], ids[1]], inbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(3, inbox.GetProperty("unread_count").GetInt32());
    }

    [Fact]
    public async Task Operators_have_no_inbox()
    {
        var platform = await app.ClientForAsync("operator@platform.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync(Inbox)).StatusCode);
    }
}
