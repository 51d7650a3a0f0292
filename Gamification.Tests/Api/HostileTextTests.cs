using System.Text.Json.Nodes;

namespace Gamification.Tests.Api;

/// <summary>
/// Text that System.Text.Json parses but cannot decode: an escaped lone surrogate ("\ud800") or bytes that are not
/// UTF-8. Every JSON endpoint refuses it with a 400 naming the field (a batch refuses only that item), never a 500.
/// </summary>
public sealed class HostileTextTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";

    /// <summary>Where the hostile value goes in a body: the JSON text of a string, raw bytes included.</summary>
    private const string Marker = "\u0001HOSTILE\u0001";

    /// <summary>An escaped lone high surrogate.</summary>
    private static readonly byte[] LoneHigh = Encoding.ASCII.GetBytes("\"agent\\ud800\"");

    /// <summary>An escaped lone low surrogate.</summary>
    private static readonly byte[] LoneLow = Encoding.ASCII.GetBytes("\"\\udc00x\"");

    /// <summary>0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte.</summary>
    private static readonly byte[] BadUtf8 = [(byte)'"', (byte)'a', 0xC3, 0x28, (byte)'"'];

    public static TheoryData<string, string> Hostile => new()
    {
        { "lone_high", "agent_id" },
        { "bad_utf8", "event_id" },
        { "lone_low", "lead_id" },
        { "lone_high", "metadata" },
        { "bad_utf8", "type" },
        { "lone_low", "occurred_at" },
    };

    private static byte[] Value(string kind) => kind switch
    {
        "lone_high" => LoneHigh,
        "lone_low" => LoneLow,
        _ => BadUtf8,
    };

    /// <summary>The body with the string <see cref="Marker"/> replaced by <paramref name="value"/> (raw JSON bytes).</summary>
    internal static byte[] WithRaw(object body, byte[] value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body);
        var marker = JsonSerializer.SerializeToUtf8Bytes(Marker);
        var at = json.AsSpan().IndexOf(marker);
        Assert.True(at >= 0, "the body has no marker");
        return [.. json.AsSpan(0, at), .. value, .. json.AsSpan(at + marker.Length)];
    }

    internal static async Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpMethod method, string path, byte[] body, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        return await client.SendAsync(request);
    }

    private static async Task AssertFieldRefusedAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"expected an error for {field}: {text}");
        Assert.Contains("not readable text", messages[0].GetString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Event(string? field = null)
    {
        var e = IngestionSteps.Event("agent-03");
        e["lead_id"] = "lead-1";
        e["metadata"] = new Dictionary<string, object?> { ["source"] = "dialer" };
        if (field == "metadata")
        {
            e["metadata"] = new Dictionary<string, object?> { ["nested"] = new[] { "ok", Marker } };
        }
        else if (field is not null)
        {
            e[field] = Marker;
        }
        return e;
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task An_event_with_unreadable_text_is_a_400_naming_the_field_and_stores_nothing(string kind, string field)
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var before = await IngestionSteps.CountsAsync(app);

        var response = await SendRawAsync(app.CreateClient(), HttpMethod.Post, IngestionSteps.EventsPath, WithRaw(Event(field), Value(kind)), key);

        await AssertFieldRefusedAsync(response, field);
        Assert.Equal(before, await IngestionSteps.CountsAsync(app));
    }

    [Fact]
    public async Task A_batch_refuses_only_its_unreadable_items_and_stores_the_others()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        var first = Event();
        var badAgent = Event("agent_id");
        var last = Event();
        // Items 1 and 2 carry unreadable text (a lone surrogate in agent_id, bytes that are not UTF-8 in event_id).
        var body = WithRaw(new { events = new object[] { first, badAgent, Event("event_id"), last } }, LoneHigh);
        var bad = JsonSerializer.SerializeToUtf8Bytes(Marker);
        body = Replace(body, bad, BadUtf8);

        var response = await SendRawAsync(app.CreateClient(), HttpMethod.Post, IngestionSteps.BatchPath, body, key);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(2, answer.GetProperty("rejected").GetInt32());
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["awarded", "rejected", "rejected", "awarded"], results.Select(r => r.GetProperty("status").GetString()));
        var agentError = results[1].GetProperty("error");
        Assert.Equal(400, agentError.GetProperty("status").GetInt32());
        Assert.Contains("not readable text", agentError.GetProperty("errors").GetProperty("agent_id")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(badAgent["event_id"], results[1].GetProperty("event_id").GetString());
        var idError = results[2].GetProperty("error");
        Assert.Contains("not readable text", idError.GetProperty("errors").GetProperty("event_id")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, results[2].GetProperty("event_id").ValueKind);

        var ids = new[] { (string)first["event_id"]!, (string)last["event_id"]! };
        var stored = await app.WithDbAsync(db => db.ActivityEvents.IgnoreQueryFilters().Where(e => ids.Contains(e.EventId)).Select(e => e.EventId).ToListAsync());
        Assert.Equal(ids.Order(), stored.Order());
    }

    private static byte[] Replace(byte[] body, byte[] marker, byte[] value)
    {
        var at = body.AsSpan().IndexOf(marker);
        Assert.True(at >= 0, "the body has no second marker");
        return [.. body.AsSpan(0, at), .. value, .. body.AsSpan(at + marker.Length)];
    }

    public static TheoryData<string, string, string> CatalogCases => new()
    {
        { "badge", "name", "lone_high" },
        { "badge", "description", "bad_utf8" },
        { "badge", "category", "lone_low" },
        { "challenge", "name", "bad_utf8" },
        { "challenge", "start_day", "lone_high" },
        { "reward", "name", "lone_low" },
        { "reward", "image_url", "bad_utf8" },
        { "reward", "redemption_details", "lone_high" },
    };

    private static (string Path, JsonObject Body) CatalogBody(string entity) => entity switch
    {
        "badge" => ($"{Api}/admin/badges", CatalogBodies.Badge($"h_{Guid.NewGuid():n}"[..14], "Hostile badge", "Made by a test.")),
        "challenge" => ($"{Api}/admin/challenges", CatalogBodies.Challenge($"Hostile {Guid.NewGuid():n}"[..20], "Made by a test.")),
        _ => ($"{Api}/admin/rewards", CatalogBodies.Reward($"Hostile {Guid.NewGuid():n}"[..20], "Made by a test.")),
    };

    private async Task<string> SnapshotAsync(string entity, long id) => entity switch
    {
        "badge" => string.Join('|', await app.WithDbAsync(db => db.Badges.IgnoreQueryFilters().Where(b => b.Id == id)
            .Select(b => new object[] { b.Name, b.Description, b.Category }).SingleAsync())),
        "challenge" => string.Join('|', await app.WithDbAsync(db => db.Challenges.IgnoreQueryFilters().Where(c => c.Id == id)
            .Select(c => new object?[] { c.Name, c.Description, c.StartDate }).SingleAsync())),
        _ => string.Join('|', await app.WithDbAsync(db => db.RewardItems.IgnoreQueryFilters().Where(r => r.Id == id)
            .Select(r => new object?[] { r.Name, r.ImageUrl, r.RedemptionDetails }).SingleAsync())),
    };

    private Task<int> CountAsync(string entity) => app.WithDbAsync(db => entity switch
    {
        "badge" => db.Badges.IgnoreQueryFilters().CountAsync(),
        "challenge" => db.Challenges.IgnoreQueryFilters().CountAsync(),
        _ => db.RewardItems.IgnoreQueryFilters().CountAsync(),
    });

    [Theory]
    [MemberData(nameof(CatalogCases))]
    public async Task Creating_with_unreadable_text_is_a_400_naming_the_field_and_stores_nothing(string entity, string field, string kind)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var (path, body) = CatalogBody(entity);
        body[field] = Marker;
        var before = await CountAsync(entity);

        var response = await SendRawAsync(admin, HttpMethod.Post, path, WithRaw(body, Value(kind)));

        await AssertFieldRefusedAsync(response, field);
        Assert.Equal(before, await CountAsync(entity));
    }

    [Theory]
    [MemberData(nameof(CatalogCases))]
    public async Task Updating_with_unreadable_text_is_a_400_naming_the_field_and_changes_nothing(string entity, string field, string kind)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var (path, body) = CatalogBody(entity);
        var created = await admin.PostAsJsonAsync(path, body);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var before = await SnapshotAsync(entity, id);
        body[field] = Marker;

        var response = await SendRawAsync(admin, HttpMethod.Put, $"{path}/{id}", WithRaw(body, Value(kind)));

        await AssertFieldRefusedAsync(response, field);
        Assert.Equal(before, await SnapshotAsync(entity, id));
    }

    [Theory]
    [InlineData("name", "lone_high")]
    [InlineData("time_zone", "bad_utf8")]
    [InlineData("days_off[1]", "lone_low")]
    public async Task Settings_with_unreadable_text_are_a_400_naming_the_field_and_change_nothing(string field, string kind)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var before = await admin.GetStringAsync($"{Api}/admin/settings");
        object body = field == "days_off[1]"
            ? new Dictionary<string, object?> { ["points_per_call"] = 11, ["days_off"] = new[] { "saturday", Marker } }
            : new Dictionary<string, object?> { ["points_per_call"] = 11, [field] = Marker };

        var response = await SendRawAsync(admin, HttpMethod.Put, $"{Api}/admin/settings", WithRaw(body, Value(kind)));

        await AssertFieldRefusedAsync(response, field);
        Assert.Equal(before, await admin.GetStringAsync($"{Api}/admin/settings"));
    }

    [Theory]
    [InlineData("/admin/settings")]
    [InlineData("/analytics/farming-thresholds")]
    public async Task A_field_name_that_is_not_readable_text_is_a_400_and_changes_nothing(string path)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var before = await admin.GetStringAsync($"{Api}{path}");
        var body = Encoding.ASCII.GetBytes("{\"\\ud800x\": 1}");

        var response = await SendRawAsync(admin, HttpMethod.Put, $"{Api}{path}", body);

        await AssertFieldRefusedAsync(response, "body");
        Assert.Equal(before, await admin.GetStringAsync($"{Api}{path}"));
    }

    [Theory]
    [InlineData("/points/award", "user_id", "lone_high")]
    [InlineData("/points/award", "reason", "bad_utf8")]
    [InlineData("/admin/api-keys", "name", "lone_low")]
    [InlineData("/admin/teams", "name", "bad_utf8")]
    public async Task A_typed_body_with_unreadable_text_is_a_400_naming_the_field(string path, string field, string kind)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agentId = await app.UserIdAsync("agent04@acme.test");
        var body = new Dictionary<string, object?> { ["user_id"] = agentId, ["points"] = 5, ["reason"] = "Hostile", ["name"] = "Hostile" };
        body[field] = Marker;
        var ledger = await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters().CountAsync());

        var response = await SendRawAsync(admin, HttpMethod.Post, $"{Api}{path}", WithRaw(body, Value(kind)));

        await AssertFieldRefusedAsync(response, field);
        Assert.Equal(ledger, await app.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_in_a_typed_body_is_a_400_naming_the_field()
    {
        var admin = await app.ClientForAsync("admin@acme.test");

        var response = await admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = "someone", points = "many", reason = "Typed" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await IngestionSteps.ProblemAsync(response);
        Assert.Equal("points could not be read: check its type and the JSON around it.", problem.GetProperty("errors").GetProperty("points")[0].GetString());
        Assert.StartsWith("Malformed JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(problem.GetProperty("errors").TryGetProperty("user_id", out _));
    }
}
