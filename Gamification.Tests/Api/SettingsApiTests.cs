namespace Gamification.Tests.Api;

/// <summary>An admin reads and changes their tenant's settings through /api/v1/gamification/admin/settings.</summary>
public sealed class SettingsApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Url = "/api/v1/gamification/admin/settings";
    private static readonly string[] FridayAndSaturday = ["fri", "Saturday"];
    private static readonly string[] NoDay = ["noday"];

    [Fact]
    public async Task Valid_update_is_stored_and_the_next_call_earns_the_new_points_in_that_tenant_only()
    {
        var globex = await app.ClientForAsync("admin@globex.test");
        var acme = await app.ClientForAsync("admin@acme.test");
        var acmeBefore = await acme.GetStringAsync(Url);

        var response = await globex.PutAsJsonAsync(Url, new
        {
            points_per_call = 12,
            streak_multiplier = 1.75,
            days_off = FridayAndSaturday,
            streak_skips_days_off = true,
            time_zone = "europe/berlin",
            leaderboard_reset_period = "Monthly",
        });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var saved = await globex.GetFromJsonAsync<JsonElement>(Url);
        Assert.Equal(12, saved.GetProperty("points_per_call").GetInt32());
        Assert.Equal(1.75m, saved.GetProperty("streak_multiplier").GetDecimal());
        Assert.Equal(["friday", "saturday"], saved.GetProperty("days_off").EnumerateArray().Select(d => d.GetString()));
        Assert.True(saved.GetProperty("streak_skips_days_off").GetBoolean());
        Assert.Equal("Europe/Berlin", saved.GetProperty("time_zone").GetString());
        Assert.Equal("monthly", saved.GetProperty("leaderboard_reset_period").GetString());
        Assert.Equal("custom", saved.GetProperty("preset").GetString());
        // Fields not sent keep their values (Globex runs the light preset).
        Assert.Equal(25, saved.GetProperty("points_per_conversion").GetInt32());
        Assert.Equal("Globex Support", saved.GetProperty("name").GetString());

        var globexId = await app.TenantIdAsync(DemoSeeder.GlobexName);
        var result = await IngestCallAsync(globexId, "agent-02");
        Assert.Equal(12, result.PointsAwarded);

        Assert.Equal(acmeBefore, await acme.GetStringAsync(Url));
        var acmeId = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var acmeConfig = await app.WithDbAsync(db => db.GamificationConfigs.AsNoTracking().SingleAsync(), acmeId);
        Assert.NotEqual(12, acmeConfig.PointsPerCall);
        Assert.Equal("America/New_York", await app.WithDbAsync(db => db.Tenants.Where(t => t.Id == acmeId).Select(t => t.TimeZoneId).SingleAsync()));
    }

    [Theory]
    [InlineData("points_per_call", "-1")]
    [InlineData("points_per_call", "10001")]
    [InlineData("points_per_call", "2.5")]
    [InlineData("points_per_conversion", "\"ten\"")]
    [InlineData("points_per_quality_review", "-3")]
    [InlineData("perfect_call_bonus", "99999999999")]
    [InlineData("perfect_call_multiplier", "0")]
    [InlineData("perfect_call_bonus", "-10")]
    [InlineData("streak_multiplier", "0.5")]
    [InlineData("streak_multiplier", "1.555")]
    [InlineData("streak_multiplier", "11")]
    [InlineData("streak_bonus_min_days", "0")]
    [InlineData("streak_skips_days_off", "\"yes\"")]
    [InlineData("days_off", "[\"monday\",\"tuesday\",\"wednesday\",\"thursday\",\"friday\",\"saturday\",\"sunday\"]")]
    [InlineData("days_off", "[\"funday\"]")]
    [InlineData("days_off", "\"saturday\"")]
    [InlineData("max_daily_points", "0")]
    [InlineData("daily_cap_raise_per_level", "-1")]
    [InlineData("points_decay_percent", "101")]
    [InlineData("points_decay_percent", "-1")]
    [InlineData("decay_period_days", "0")]
    [InlineData("level_up_multiplier", "0.9")]
    [InlineData("level_up_base_points", "-100")]
    [InlineData("leaderboard_reset_period", "\"yearly\"")]
    [InlineData("time_zone", "\"Mars/Olympus_Mons\"")]
    [InlineData("time_zone", "\"Eastern Standard Time\"")]
    [InlineData("name", "\"A\"")]
    [InlineData("name", "\"Globex Support\"")]
    [InlineData("enabled", "1")]
    [InlineData("points_per_cal", "5")]
    [InlineData("preset", "\"light\"")]
    public async Task An_invalid_field_is_refused_by_name_and_nothing_changes(string field, string json)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var before = await admin.GetStringAsync(Url);

        // A valid change rides along: it must not be stored either.
        var body = $"{{\"points_per_feedback\": 7, \"{field}\": {json}}}";
        var response = await admin.PutAsync(Url, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for {field}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.False(errors.TryGetProperty("points_per_feedback", out _));
        Assert.Equal(before, await admin.GetStringAsync(Url));
    }

    [Fact]
    public async Task Every_bad_field_of_one_request_is_reported_together()
    {
        var admin = await app.ClientForAsync("admin@acme.test");

        var response = await admin.PutAsJsonAsync(Url, new { points_per_call = -5, points_decay_percent = 150, days_off = NoDay, time_zone = "Nowhere/City" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["days_off", "points_decay_percent", "points_per_call", "time_zone"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task A_preset_fills_its_rules_and_keeps_the_name_zone_and_days_off()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var before = await admin.GetFromJsonAsync<JsonElement>(Url);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(Url, new { perfect_call_bonus = 15, enabled = true })).StatusCode);

        var response = await admin.PostAsJsonAsync($"{Url}/preset", new { preset = "aggressive" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("aggressive", after.GetProperty("preset").GetString());
        Assert.Equal(20, after.GetProperty("points_per_call").GetInt32());
        Assert.Equal(100, after.GetProperty("points_per_conversion").GetInt32());
        Assert.Equal(1000, after.GetProperty("max_daily_points").GetInt32());
        Assert.Equal(2, after.GetProperty("points_decay_percent").GetInt32());
        Assert.Equal(60, after.GetProperty("decay_period_days").GetInt32());
        Assert.True(after.GetProperty("daily_challenges").GetBoolean());
        Assert.True(after.GetProperty("weekly_challenges").GetBoolean());
        Assert.False(after.GetProperty("monthly_challenges").GetBoolean());
        Assert.Equal(10, after.GetProperty("perfect_call_bonus").GetInt32()); // back to the default
        foreach (var kept in new[] { "name", "time_zone", "days_off", "streak_skips_days_off", "enabled" })
        {
            Assert.Equal(before.GetProperty(kept).ToString(), after.GetProperty(kept).ToString());
        }
        var acmeId = await app.TenantIdAsync(DemoSeeder.AcmeName);
        Assert.Equal(GamificationPreset.Aggressive, await app.WithDbAsync(db => db.Tenants.Where(t => t.Id == acmeId).Select(t => t.Preset).SingleAsync()));

        var unknown = await admin.PostAsJsonAsync($"{Url}/preset", new { preset = "extreme" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("preset", out _));

        var moderate = await admin.PostAsJsonAsync($"{Url}/preset", new { preset = "Moderate" });
        Assert.Equal("moderate", (await moderate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("preset").GetString());
    }

    [Theory]
    [InlineData("agent01@acme.test")]
    [InlineData("supervisor@acme.test")]
    [InlineData("operator@platform.test")]
    public async Task Only_a_tenant_admin_reads_or_changes_settings(string email)
    {
        var client = await app.ClientForAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync(Url, new { points_per_call = 1000 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Url}/preset", new { preset = "light" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Url)).StatusCode);
    }

    private async Task<ActivityResult> IngestCallAsync(Guid tenantId, string agentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<EventIngestion>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        return await ingestion.IngestAsync(tenantId, new IncomingEvent($"settings-{Guid.NewGuid():n}", ActivityType.CallCompleted, agentId, now.AddMinutes(-1)), default);
    }
}
