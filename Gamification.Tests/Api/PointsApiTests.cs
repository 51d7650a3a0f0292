namespace Gamification.Tests.Api;

public sealed class PointsApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.GetValues(name));

    [Fact]
    public async Task Points_transactions_and_profile_reflect_an_ingested_event()
    {
        var agent = await app.ClientForAsync("agent05@acme.test");
        var before = await agent.GetFromJsonAsync<JsonElement>($"{Api}/points");
        var key = await IngestionSteps.CreateKeyAsync(app);
        var e = IngestionSteps.Event("agent-05", rating: 5);

        var ingested = await (await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, e)).Content.ReadFromJsonAsync<JsonElement>();
        var awarded = ingested.GetProperty("points_awarded").GetInt64();

        var points = await agent.GetFromJsonAsync<JsonElement>($"{Api}/points");
        // The event's answer and /points agree; any badge it unlocked was paid with it (so at least the event's points).
        var gained = points.GetProperty("current_points").GetInt64() - before.GetProperty("current_points").GetInt64();
        Assert.Equal(ingested.GetProperty("current_points").GetInt64(), points.GetProperty("current_points").GetInt64());
        Assert.True(gained >= awarded);
        Assert.Equal(before.GetProperty("lifetime_points").GetInt64() + gained, points.GetProperty("lifetime_points").GetInt64());
        Assert.Equal(before.GetProperty("daily_points").GetInt64() + awarded, points.GetProperty("daily_points").GetInt64());
        Assert.Equal(500, points.GetProperty("daily_cap").GetInt32());
        Assert.Equal(1, points.GetProperty("level").GetInt32());
        Assert.Equal("Bronze", points.GetProperty("level_name").GetString());
        Assert.Equal(1000, points.GetProperty("next_level_at").GetInt64());
        Assert.Equal(ingested.GetProperty("streak_days").GetInt32(), points.GetProperty("streak_days").GetInt32());
        Assert.Equal((int)(points.GetProperty("lifetime_points").GetInt64() * 100 / 1000), points.GetProperty("progress_percent").GetInt32());
        Assert.True(points.TryGetProperty("rank", out _));

        var pageResponse = await agent.GetAsync($"{Api}/transactions?type=activity");
        var page = await pageResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, page.GetArrayLength());
        Assert.Equal(("1", "1"), (Header(pageResponse, "X-Total-Count"), Header(pageResponse, "X-Total-Pages")));
        Assert.Equal("</api/v1/gamification/transactions?type=activity&page=1&page_size=25>; rel=\"first\", "
            + "</api/v1/gamification/transactions?type=activity&page=1&page_size=25>; rel=\"last\"", Header(pageResponse, "Link"));
        var entry = page[0];
        Assert.Equal("activity", entry.GetProperty("type").GetString());
        Assert.Equal(awarded, entry.GetProperty("points").GetInt64());
        Assert.Equal(e["event_id"], entry.GetProperty("source_id").GetString());
        Assert.Equal("activity_event", entry.GetProperty("source_type").GetString());
        var breakdown = entry.GetProperty("breakdown");
        Assert.Equal(10, breakdown.GetProperty("base").GetInt32());
        Assert.Equal(2m, breakdown.GetProperty("multiplier").GetDecimal());
        Assert.Equal(10, breakdown.GetProperty("bonus").GetInt32());
        Assert.Equal(awarded, breakdown.GetProperty("awarded").GetInt64());

        var profile = await agent.GetFromJsonAsync<JsonElement>($"{Api}/profile");
        Assert.Equal("Priya Patel", profile.GetProperty("user").GetProperty("display_name").GetString());
        Assert.Equal("agent-05", profile.GetProperty("user").GetProperty("external_id").GetString());
        Assert.False(string.IsNullOrEmpty(profile.GetProperty("user").GetProperty("team_name").GetString()));
        Assert.Equal(points.GetProperty("current_points").GetInt64(), profile.GetProperty("points").GetProperty("current_points").GetInt64());
        Assert.Equal(points.GetProperty("daily_points").GetInt64(), profile.GetProperty("points").GetProperty("daily_points").GetInt64());
        var level = profile.GetProperty("level");
        Assert.Equal(1, level.GetProperty("number").GetInt32());
        Assert.Equal("Bronze", level.GetProperty("tier").GetString());
        Assert.Equal(0, level.GetProperty("starts_at").GetInt64());
        Assert.Equal(1000, level.GetProperty("next_level_at").GetInt64());
        Assert.Equal(points.GetProperty("progress_percent").GetInt32(), level.GetProperty("progress_percent").GetInt32());
        Assert.Equal(points.GetProperty("streak_days").GetInt32(), profile.GetProperty("streak").GetProperty("current").GetInt32());
        Assert.True(profile.GetProperty("streak").GetProperty("longest").GetInt32() >= profile.GetProperty("streak").GetProperty("current").GetInt32());
    }

    [Fact]
    public async Task Supervisors_and_admins_have_points_too_but_an_operator_does_not()
    {
        var supervisor = await app.ClientForAsync("supervisor@acme.test");
        var admin = await app.ClientForAsync("admin@globex.test");
        var op = await app.ClientForAsync("operator@platform.test");

        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"{Api}/points")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"{Api}/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync($"{Api}/points")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{Api}/points")).StatusCode);
    }

    [Theory]
    [InlineData("type=bonus", "type")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=24.11.2026", "to")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page_size=500", "page_size")]
    [InlineData("from=2026-11-24&to=2026-11-01", "from")]
    public async Task Bad_transaction_filters_are_a_400_problem(string query, string field)
    {
        await IngestionSteps.AssertGetRefusedAsync(app, "agent12@acme.test", $"{Api}/transactions?{query}", field);
    }

    [Fact]
    public async Task Transactions_filter_by_day_and_page()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var agent = await app.ClientForAsync("agent13@acme.test");
        await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.BatchPath, key,
            Enumerable.Range(0, 3).Select(_ => IngestionSteps.Event("agent-13")).ToList());

        var firstResponse = await agent.GetAsync($"{Api}/transactions?page=1&page_size=2");
        var firstPage = await firstResponse.Content.ReadFromJsonAsync<JsonElement>();
        var secondPage = await agent.GetFromJsonAsync<JsonElement>($"{Api}/transactions?page=2&page_size=2");
        var longAgoResponse = await agent.GetAsync($"{Api}/transactions?from=2000-01-01&to=2000-12-31");

        // Three activity entries and the first-call badge they unlocked.
        Assert.Equal(("4", "2"), (Header(firstResponse, "X-Total-Count"), Header(firstResponse, "X-Total-Pages")));
        Assert.Contains("</api/v1/gamification/transactions?page=2&page_size=2>; rel=\"next\"", Header(firstResponse, "Link"), StringComparison.Ordinal);
        Assert.Equal(2, firstPage.GetArrayLength());
        Assert.Equal(2, secondPage.GetArrayLength());
        Assert.True(firstPage[0].GetProperty("id").GetInt64() > firstPage[1].GetProperty("id").GetInt64());
        Assert.Equal("0", Header(longAgoResponse, "X-Total-Count"));
        Assert.Equal(0, (await longAgoResponse.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
    }

    [Fact]
    public async Task An_admin_awards_and_revokes_with_a_reason_and_the_agent_sees_both()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent06@acme.test");
        var agentId = await app.UserIdAsync("agent06@acme.test");

        var award = await admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = agentId, points = 40, reason = "Covered the late shift" });
        var revoke = await admin.PostAsJsonAsync($"{Api}/points/revoke", new { user_id = agentId, points = 15, reason = "Duplicate sale" });

        Assert.Equal(HttpStatusCode.OK, award.StatusCode);
        var awarded = await award.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(agentId, awarded.GetProperty("user_id").GetString());
        Assert.Equal(40, awarded.GetProperty("points").GetInt64());
        Assert.Equal("Covered the late shift", awarded.GetProperty("reason").GetString());
        Assert.Equal(40, awarded.GetProperty("current_points").GetInt64());
        Assert.Equal(40, awarded.GetProperty("lifetime_points").GetInt64());
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var revoked = await revoke.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(-15, revoked.GetProperty("points").GetInt64());
        Assert.Equal(25, revoked.GetProperty("current_points").GetInt64());
        Assert.Equal(25, revoked.GetProperty("lifetime_points").GetInt64());

        var mine = await agent.GetFromJsonAsync<JsonElement>($"{Api}/transactions");
        var items = mine.EnumerateArray().ToList();
        Assert.Equal(["admin_revoke", "admin_award"], items.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(["Duplicate sale", "Covered the late shift"], items.Select(i => i.GetProperty("reason").GetString()));
        Assert.Equal([-15L, 40L], items.Select(i => i.GetProperty("points").GetInt64()));
        var onlyAwards = await agent.GetAsync($"{Api}/transactions?type=admin_award");
        Assert.Equal("1", Header(onlyAwards, "X-Total-Count"));
        Assert.Equal(25, (await agent.GetFromJsonAsync<JsonElement>($"{Api}/points")).GetProperty("current_points").GetInt64());
    }

    [Theory]
    [InlineData("award", null, 10L, "missing user", "user_id")]
    [InlineData("award", "self", null, "no points", "points")]
    [InlineData("award", "self", 10L, null, "reason")]
    [InlineData("award", "self", 10L, "   ", "reason")]
    [InlineData("award", "self", 0L, "zero", "points")]
    [InlineData("award", "self", -5L, "negative", "points")]
    [InlineData("revoke", "self", 10L, null, "reason")]
    [InlineData("revoke", "self", 0L, "zero", "points")]
    [InlineData("revoke", "self", 10L, "nothing to take", "points")]
    public async Task A_bad_award_or_revocation_is_refused_and_changes_nothing(string action, string? user, long? points, string? reason, string field)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var userId = user is null ? null : await app.UserIdAsync("agent14@acme.test");
        var before = await IngestionSteps.CountsAsync(app);

        var response = await admin.PostAsJsonAsync($"{Api}/points/{action}", new { user_id = userId, points, reason });

        await IngestionSteps.AssertFieldErrorAsync(response, field);
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Theory]
    [InlineData("award")]
    [InlineData("revoke")]
    public async Task Another_tenants_user_is_404_and_nothing_changes(string action)
    {
        var globexAgent = await app.UserIdAsync("agent02@globex.test");
        var globex = await app.ClientForAsync("admin@globex.test");
        Assert.Equal(HttpStatusCode.OK, (await globex.PostAsJsonAsync($"{Api}/points/award", new { user_id = globexAgent, points = 50, reason = "Setup" })).StatusCode);
        var admin = await app.ClientForAsync("admin@acme.test");
        var before = await IngestionSteps.CountsAsync(app);
        var balance = await app.WithDbAsync(db => db.UserPoints.IgnoreQueryFilters().Where(p => p.UserId == globexAgent).Select(p => p.CurrentPoints).SingleAsync());

        var response = await admin.PostAsJsonAsync($"{Api}/points/{action}", new { user_id = globexAgent, points = 10, reason = "Cross-tenant" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
        Assert.Equal(balance, await app.WithDbAsync(db => db.UserPoints.IgnoreQueryFilters().Where(p => p.UserId == globexAgent).Select(p => p.CurrentPoints).SingleAsync()));
    }

    [Theory]
    [InlineData("agent01@acme.test")]
    [InlineData("supervisor@acme.test")]
    public async Task Only_an_admin_awards_revokes_checks_the_ledger_and_sees_jobs(string email)
    {
        var client = await app.ClientForAsync(email);
        var self = await app.UserIdAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/points/award", new { user_id = self, points = 100, reason = "Me" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/points/revoke", new { user_id = self, points = 1, reason = "Me" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/admin/ledger-check")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/admin/jobs")).StatusCode);
    }

    [Fact]
    public async Task The_ledger_check_is_clean_after_ingestion_and_awards()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.BatchPath, key, new
        {
            events = new[]
            {
                IngestionSteps.Event("agent-15", rating: 5), IngestionSteps.Event("agent-15", "lead_converted"), IngestionSteps.Event("agent-16"),
            },
        });
        var admin = await app.ClientForAsync("admin@acme.test");
        await admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = await app.UserIdAsync("agent16@acme.test"), points = 5, reason = "Thanks" });

        var check = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/ledger-check");

        Assert.Equal(await app.TenantIdAsync(DemoSeeder.AcmeName), check.GetProperty("tenant_id").GetGuid());
        Assert.True(check.GetProperty("is_clean").GetBoolean());
        Assert.Equal(0, check.GetProperty("mismatches").GetArrayLength());
        Assert.True(check.GetProperty("transactions_checked").GetInt32() >= 4);
        Assert.True(check.GetProperty("users_checked").GetInt32() >= 2);
    }

    [Fact]
    public async Task An_admin_sees_the_daily_jobs_of_their_tenant()
    {
        var admin = await app.ClientForAsync("admin@globex.test");

        var jobs = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/jobs");

        Assert.Equal(["streak-expiry", "decay", "weekly-rank-badges", "challenge-rank-rewards", "leaderboard-daily", "leaderboard-weekly", "leaderboard-monthly", "leaderboard-all-time"], jobs.EnumerateArray().Select(j => j.GetProperty("job").GetString()));
        Assert.All(jobs.EnumerateArray(), j =>
        {
            Assert.False(string.IsNullOrEmpty(j.GetProperty("description").GetString()));
            Assert.NotEqual(JsonValueKind.Null, j.GetProperty("next_run_at").ValueKind);
        });
    }

    [Fact]
    public async Task An_award_that_writes_many_ledger_rows_answers_its_own_transaction_id()
    {
        var admin = await app.ClientForAsync("admin@globex.test");
        var agent = await app.UserIdAsync("agent05@globex.test");
        var reason = $"Crosses every level {Guid.NewGuid():n}";
        var before = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters().CountAsync(t => t.UserId == agent));

        // 9,000 points from level 1: nine level-ups and the level badges (with their points) in one unit of work.
        var response = await admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = agent, points = 9000, reason });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var written = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters().CountAsync(t => t.UserId == agent)) - before;
        Assert.True(written > 16, $"the award wrote only {written} ledger rows");
        var own = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .Where(t => t.UserId == agent && t.Type == TransactionType.AdminAward && t.Reason == reason).Select(t => t.Id).SingleAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(own, body.GetProperty("transaction_id").GetInt64());
        Assert.Equal(10, body.GetProperty("level_up").GetInt32());
    }
}
