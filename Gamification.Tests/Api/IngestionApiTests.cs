namespace Gamification.Tests.Api;

/// <summary>Shared steps of the ingestion, key and points API tests.</summary>
internal static class IngestionSteps
{
    public const string EventsPath = "/api/v1/gamification/events";
    public const string BatchPath = "/api/v1/gamification/events/batch";
    public const string KeysPath = "/api/v1/gamification/admin/api-keys";

    /// <summary>Signs in as the tenant's admin and creates an integration key; returns the key (shown once).</summary>
    public static async Task<string> CreateKeyAsync(GamificationAppFactory app, string adminEmail = "admin@acme.test")
    {
        var admin = await app.ClientForAsync(adminEmail);
        var response = await admin.PostAsJsonAsync(KeysPath, new { name = $"Dialer {Guid.NewGuid():n}" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An event as the platform sends it, a completed call a few seconds ago by the apps' clock unless told otherwise.</summary>
    public static Dictionary<string, object?> Event(string agentId, string type = "call_completed", int? rating = null, DateTimeOffset? occurredAt = null)
    {
        var e = new Dictionary<string, object?>
        {
            ["event_id"] = $"evt-{Guid.NewGuid():n}",
            ["type"] = type,
            ["agent_id"] = agentId,
            ["occurred_at"] = Time(occurredAt ?? TestClock.Now.AddSeconds(-5)),
        };
        if (rating is not null)
        {
            e["rating"] = rating;
        }
        return e;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? key, object body) =>
        PostRawAsync(client, path, key, JsonSerializer.Serialize(body));

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, string? key, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        return await client.SendAsync(request);
    }

    /// <summary>Rows in activity_event and point_transactions, across all tenants.</summary>
    public static Task<(int Events, int Transactions)> CountsAsync(GamificationAppFactory app) =>
        app.WithDbAsync(async db => (
            await db.ActivityEvents.IgnoreQueryFilters().CountAsync(),
            await db.PointTransactions.IgnoreQueryFilters().CountAsync()));

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Signs in as <paramref name="email"/>, posts <paramref name="body"/> and asserts a 400 problem with a message for
    /// <paramref name="field"/>, and that <paramref name="count"/> (the rows the post would add) is what it was.
    /// </summary>
    public static async Task AssertPostRefusedAsync(
        GamificationAppFactory app, string email, string url, object body, string field, Func<Task<int>> count)
    {
        var client = await app.ClientForAsync(email);
        var before = await count();

        var response = await client.PostAsJsonAsync(url, body);

        var messages = await AssertFieldErrorAsync(response, field);
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, await count());
    }

    /// <summary>Signs in as <paramref name="email"/>, reads <paramref name="url"/> and asserts a 400 problem naming <paramref name="field"/>.</summary>
    public static async Task AssertGetRefusedAsync(GamificationAppFactory app, string email, string url, string field)
    {
        var client = await app.ClientForAsync(email);
        await AssertFieldErrorAsync(await client.GetAsync(url), field);
    }

    /// <summary>Asserts a 400 problem whose errors name <paramref name="field"/>; returns that field's messages.</summary>
    public static async Task<JsonElement> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"expected an error for {field}: {problem}");
        return messages;
    }
}

public sealed class IngestionApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    [Fact]
    public async Task A_perfect_call_is_awarded_and_answered_with_its_breakdown()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var client = app.CreateClient();
        var e = IngestionSteps.Event("agent-01", rating: 5);

        var response = await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, key, e);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(e["event_id"], body.GetProperty("event_id").GetString());
        Assert.Equal("awarded", body.GetProperty("status").GetString());
        var breakdown = body.GetProperty("breakdown");
        Assert.Equal(10, breakdown.GetProperty("base").GetInt32());
        Assert.Equal(2m, breakdown.GetProperty("multiplier").GetDecimal());
        Assert.Equal(10, breakdown.GetProperty("bonus").GetInt32());
        var awarded = body.GetProperty("points_awarded").GetInt64();
        Assert.Equal(awarded, breakdown.GetProperty("awarded").GetInt64());
        Assert.Equal(awarded, breakdown.GetProperty("uncapped").GetInt64());
        Assert.True(awarded >= 30);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("level_up").ValueKind);
        Assert.Equal(awarded, body.GetProperty("daily_points").GetInt64());
        // The balance in the answer also holds what the event earned beside its own points: the badges it unlocked
        // (a first call and a first 5-star call), paid in the same change.
        var rewards = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .Where(t => t.UserId == db.Users.IgnoreQueryFilters().Single(u => u.Email == "agent01@acme.test").Id && t.Type != TransactionType.Activity)
            .Select(t => new { t.Type, t.Points, t.Reason }).ToListAsync());
        Assert.Contains(rewards, r => r.Type == TransactionType.BadgeReward && r.Reason == "Badge earned: Welcome");
        Assert.Contains(rewards, r => r.Type == TransactionType.BadgeReward && r.Reason == "Badge earned: Five Stars");
        Assert.Equal(awarded + rewards.Sum(r => r.Points), body.GetProperty("current_points").GetInt64());
        Assert.True(body.TryGetProperty("streak_days", out _));
    }

    [Fact]
    public async Task Without_a_key_nothing_is_stored_and_the_answer_is_401()
    {
        var client = await app.ClientForAsync("admin@acme.test"); // a bearer token is not an integration key
        var before = await IngestionSteps.CountsAsync(app);

        var single = await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, null, IngestionSteps.Event("agent-02"));
        var batch = await IngestionSteps.PostAsync(client, IngestionSteps.BatchPath, null, new { events = new[] { IngestionSteps.Event("agent-02") } });

        Assert.Equal(HttpStatusCode.Unauthorized, single.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, batch.StatusCode);
        Assert.Contains("X-Api-Key", (await IngestionSteps.ProblemAsync(single)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Theory]
    [InlineData("gmk_thisisnotakeythisisnotakeythisisnotakey1234")]
    [InlineData("not-even-a-key")]
    public async Task A_wrong_key_is_refused_with_401(string key)
    {
        var before = await IngestionSteps.CountsAsync(app);

        var response = await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-02"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (await IngestionSteps.ProblemAsync(response)).GetProperty("status").GetInt32());
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_with_401()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var created = await (await admin.PostAsJsonAsync(IngestionSteps.KeysPath, new { name = "Old dialer" })).Content.ReadFromJsonAsync<JsonElement>();
        var key = created.GetProperty("key").GetString();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-02"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{IngestionSteps.KeysPath}/{created.GetProperty("id").GetInt64()}")).StatusCode);
        var before = await IngestionSteps.CountsAsync(app);
        var response = await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-02"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Fact]
    public async Task An_agent_of_another_tenant_is_404_and_nothing_is_stored()
    {
        // Globex agents share Acme's agent-01..06 ids; give one an id that exists only in Globex.
        var globexAdmin = await app.ClientForAsync("admin@globex.test");
        var added = await PeopleApiTests.AddAgentToFirstTeamAsync(globexAdmin, "gx-only@globex.test", "Gus Only", "gx-only-1", "Globex99!");
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var acmeKey = await IngestionSteps.CreateKeyAsync(app);
        var before = await IngestionSteps.CountsAsync(app);

        var response = await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, acmeKey, IngestionSteps.Event("gx-only-1"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True((await IngestionSteps.ProblemAsync(response)).GetProperty("errors").TryGetProperty("agent_id", out _));
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));

        // The same event with Globex's own key is recorded: the 404 is isolation, not a broken agent.
        var globexKey = await IngestionSteps.CreateKeyAsync(app, "admin@globex.test");
        Assert.Equal(HttpStatusCode.OK, (await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, globexKey, IngestionSteps.Event("gx-only-1"))).StatusCode);
    }

    [Theory]
    [InlineData("missing_event_id", "event_id")]
    [InlineData("missing_type", "type")]
    [InlineData("missing_agent_id", "agent_id")]
    [InlineData("missing_occurred_at", "occurred_at")]
    [InlineData("unknown_type", "type")]
    [InlineData("rating_0", "rating")]
    [InlineData("rating_6", "rating")]
    [InlineData("rating_text", "rating")]
    [InlineData("49_hours_old", "occurred_at")]
    [InlineData("10_minutes_ahead", "occurred_at")]
    [InlineData("time_without_offset", "occurred_at")]
    public async Task A_bad_event_is_refused_with_400_naming_the_field_and_stores_nothing(string scenario, string field)
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var e = IngestionSteps.Event("agent-03");
        switch (scenario)
        {
            case "missing_event_id": e.Remove("event_id"); break;
            case "missing_type": e.Remove("type"); break;
            case "missing_agent_id": e.Remove("agent_id"); break;
            case "missing_occurred_at": e.Remove("occurred_at"); break;
            case "unknown_type": e["type"] = "coffee_break"; break;
            case "rating_0": e["rating"] = 0; break;
            case "rating_6": e["rating"] = 6; break;
            case "rating_text": e["rating"] = "five"; break;
            case "49_hours_old": e["occurred_at"] = IngestionSteps.Time(app.Now.AddHours(-49)); break;
            case "10_minutes_ahead": e["occurred_at"] = IngestionSteps.Time(app.Now.AddMinutes(10)); break;
            case "time_without_offset": e["occurred_at"] = "2026-01-01T10:00:00"; break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }
        var before = await IngestionSteps.CountsAsync(app);

        var response = await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, e);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await IngestionSteps.ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Theory]
    [InlineData(IngestionSteps.EventsPath, "{\"event_id\": \"e1\", ")]
    [InlineData(IngestionSteps.BatchPath, "{\"events\": [ {\"event_id\": }")]
    [InlineData(IngestionSteps.EventsPath, "")]
    [InlineData(IngestionSteps.EventsPath, "[1, 2]")]
    [InlineData(IngestionSteps.BatchPath, "{\"items\": []}")]
    public async Task Malformed_or_misshapen_json_is_a_400_problem_and_stores_nothing(string path, string json)
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var before = await IngestionSteps.CountsAsync(app);

        var response = await IngestionSteps.PostRawAsync(app.CreateClient(), path, key, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await IngestionSteps.ProblemAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (json.Contains("\"e1\"", StringComparison.Ordinal))
        {
            Assert.StartsWith("Malformed JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Fact]
    public async Task A_deactivated_agents_event_is_refused_and_stores_nothing()
    {
        await app.DeactivateAsync("agent23@acme.test");
        var key = await IngestionSteps.CreateKeyAsync(app);
        var before = await IngestionSteps.CountsAsync(app);

        var response = await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-23"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("deactivated", (await IngestionSteps.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Fact]
    public async Task The_same_event_id_twice_awards_once_and_repeats_the_first_result_as_duplicate()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var client = app.CreateClient();
        var e = IngestionSteps.Event("agent-04", "lead_converted");

        var first = await (await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, key, e)).Content.ReadFromJsonAsync<JsonElement>();
        var before = await IngestionSteps.CountsAsync(app);
        var second = await IngestionSteps.PostAsync(client, IngestionSteps.EventsPath, key, e);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var repeat = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("awarded", first.GetProperty("status").GetString());
        Assert.Equal("duplicate", repeat.GetProperty("status").GetString());
        foreach (var field in new[] { "event_id", "points_awarded", "daily_points", "current_points", "streak_days" })
        {
            Assert.Equal(first.GetProperty(field).ToString(), repeat.GetProperty(field).ToString());
        }
        Assert.Equal(first.GetProperty("breakdown").ToString(), repeat.GetProperty("breakdown").ToString());
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Fact]
    public async Task A_batch_records_the_valid_items_and_reports_each_invalid_one()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var good1 = IngestionSteps.Event("agent-07");
        var badRating = IngestionSteps.Event("agent-07", rating: 6);
        var good2 = IngestionSteps.Event("agent-08", "quality_review");
        var unknownAgent = IngestionSteps.Event("agent-99");
        var repeat = new Dictionary<string, object?>(good1);
        var before = await IngestionSteps.CountsAsync(app);

        var response = await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.BatchPath, key,
            new { events = new object[] { good1, badRating, good2, unknownAgent, 42, repeat } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("accepted").GetInt32());
        Assert.Equal(3, body.GetProperty("rejected").GetInt32());
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3, 4, 5], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(["awarded", "rejected", "awarded", "rejected", "rejected", "duplicate"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(good1["event_id"], results[0].GetProperty("event_id").GetString());
        Assert.Equal(10, results[0].GetProperty("points_awarded").GetInt64());
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("error").ValueKind);
        Assert.Equal(400, results[1].GetProperty("error").GetProperty("status").GetInt32());
        Assert.True(results[1].GetProperty("error").GetProperty("errors").TryGetProperty("rating", out _));
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("points_awarded").ValueKind);
        Assert.Equal(404, results[3].GetProperty("error").GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, results[4].GetProperty("event_id").ValueKind);
        Assert.Equal(results[0].GetProperty("current_points").GetInt64(), results[5].GetProperty("current_points").GetInt64());

        var after = await IngestionSteps.CountsAsync(app);
        Assert.Equal(before.Events + 2, after.Events);
        var activityEntries = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .CountAsync(t => t.Type == TransactionType.Activity && (t.SourceId == (string)good1["event_id"]! || t.SourceId == (string)good2["event_id"]!)));
        Assert.Equal(2, activityEntries);
        // Beside the two activity entries, only the rewards they earned (first-call and first-review badges).
        Assert.Equal(before.Transactions + 2 + await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .CountAsync(t => t.Type == TransactionType.BadgeReward && (t.UserId == db.Users.IgnoreQueryFilters().Single(u => u.Email == "agent07@acme.test").Id
                || t.UserId == db.Users.IgnoreQueryFilters().Single(u => u.Email == "agent08@acme.test").Id))), after.Transactions);
        var stored = await app.WithDbAsync(db => db.ActivityEvents.IgnoreQueryFilters()
            .Where(x => x.EventId == (string)good1["event_id"]! || x.EventId == (string)good2["event_id"]!).CountAsync());
        Assert.Equal(2, stored);
    }

    [Fact]
    public async Task A_batch_may_be_a_bare_array()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);

        var response = await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.BatchPath, key,
            new[] { IngestionSteps.Event("agent-09"), IngestionSteps.Event("agent-09", "customer_feedback") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task A_batch_of_more_than_1000_events_is_refused_whole()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var events = Enumerable.Range(0, 1001).Select(_ => IngestionSteps.Event("agent-10")).ToList();
        var before = await IngestionSteps.CountsAsync(app);

        var response = await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.BatchPath, key, new { events });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await IngestionSteps.ProblemAsync(response)).GetProperty("errors").TryGetProperty("events", out _));
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Fact]
    public async Task A_batch_body_over_2_MB_is_refused_with_413()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var filler = new string('x', 3000);
        var events = Enumerable.Range(0, 800).Select(_ =>
        {
            var e = IngestionSteps.Event("agent-10");
            e["metadata"] = new { note = filler };
            return e;
        }).ToList();
        var before = await IngestionSteps.CountsAsync(app);

        var response = await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.BatchPath, key, new { events });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (await IngestionSteps.ProblemAsync(response)).GetProperty("status").GetInt32());
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }
}
