using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Hosting;

namespace Gamification.Tests.Api;

/// <summary>The app with the integration keys' rate limit out of the way, so every fuzzed event reaches the reader.</summary>
public sealed class FuzzAppFactory : GamificationAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Ingestion:RequestsPerSecondPerKey", "100000");
    }
}

/// <summary>
/// A corpus of hostile values sent to every JSON endpoint, in every string field of a valid body, as field names and as
/// whole bodies: whatever is refused is refused with a 4xx; no request answers 5xx.
/// </summary>
public sealed class HostileBodyFuzzTests(FuzzAppFactory app) : IClassFixture<FuzzAppFactory>
{
    private const string Api = "/api/v1/gamification";
    private const string Marker = "\u0001FUZZ\u0001";

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Quoted(params byte[] inner) => [(byte)'"', .. inner, (byte)'"'];

    /// <summary>Hostile JSON string values, as the raw bytes of the JSON token.</summary>
    private static readonly byte[][] Strings =
    [
        Ascii("\"\\ud800\""),
        Ascii("\"\\udfff\""),
        Ascii("\"x\\ud800\\ud800\""),
        Ascii("\"\\ud800\\u0041\""),
        Ascii("\"\\udc00\\ud800\""),
        Quoted(0xC3, 0x28),
        Quoted(0xFF, 0xFE),
        Quoted(0xED, 0xA0, 0x80),
        Quoted(0xC0, 0xAF),
        Quoted(0xF4, 0x90, 0x80, 0x80),
        Quoted((byte)'a', 0xE2, 0x82),
        Ascii("\"\\u0000\""),
        Ascii("\"\\u202e evil\""),
        Ascii("\"\\u2028\\u2029\""),
        Ascii("\"\\ud83d\\ude00\""),
        Ascii("\"\""),
        Ascii("\"   \""),
        Ascii("\"\\\\\""),
        Ascii("\"<script>alert(1)</script>\""),
        Ascii("\"//evil.test/x.png\""),
    ];

    /// <summary>Values of the wrong kind, and a long text, put in the first string field only.</summary>
    private static readonly byte[][] Others =
    [
        Ascii("\"" + new string('a', 300_000) + "\""),
        Ascii("1e999"),
        Ascii("-0"),
        Ascii("99999999999999999999999999"),
        Ascii("true"),
        Ascii("[]"),
        Ascii("{}"),
        Ascii(string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200))),
    ];

    /// <summary>Whole bodies.</summary>
    private static readonly byte[][] Bodies =
    [
        [],
        Ascii("null"),
        Ascii("\"\\ud800\""),
        Ascii("[\"\\ud800\"]"),
        Ascii("{\"\\ud800\": \"\\udc00\"}"),
        [(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
        [0xFF, 0xFE, 0x00, 0x7B],
        Ascii("{\"a\":"),
        Ascii(string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300)),
    ];

    private sealed record Target(string Who, HttpMethod Method, string Path, JsonObject Body);

    private async Task<List<Target>> TargetsAsync(HttpClient admin)
    {
        async Task<long> CreatedIdAsync(string path, object body)
        {
            var response = await admin.PostAsJsonAsync(path, body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        var agentId = await app.UserIdAsync("agent05@acme.test");
        var badge = CatalogBodies.Badge("fuzz_badge", "Fuzz badge", "d");
        var challenge = CatalogBodies.Challenge("Fuzz challenge", "d");
        var reward = CatalogBodies.Reward("Fuzz reward", "d");
        reward["limit_period"] = "ever";
        var badgeId = await CreatedIdAsync($"{Api}/admin/badges", badge);
        var challengeId = await CreatedIdAsync($"{Api}/admin/challenges", challenge);
        var rewardId = await CreatedIdAsync($"{Api}/admin/rewards", reward);
        var teamResponse = await admin.PostAsJsonAsync($"{Api}/admin/teams", new { name = "Fuzz team" });
        var teamId = (await teamResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        JsonObject Event() => new()
        {
            ["event_id"] = $"fuzz-{Guid.NewGuid():n}",
            ["type"] = "call_completed",
            ["agent_id"] = "agent-05",
            ["occurred_at"] = IngestionSteps.Time(DateTimeOffset.UtcNow.AddMinutes(-1)),
            ["lead_id"] = "lead",
            ["metadata"] = new JsonObject { ["source"] = "x" },
        };
        JsonObject Person() => new()
        {
            ["email"] = $"fuzz-{Guid.NewGuid():n}@acme.test",
            ["display_name"] = "Fuzz Person",
            ["role"] = "agent",
            ["external_id"] = "fuzz-1",
            ["password"] = "Fuzz123!x",
        };

        return
        [
            new("key", HttpMethod.Post, IngestionSteps.EventsPath, Event()),
            new("key", HttpMethod.Post, IngestionSteps.BatchPath, new JsonObject { ["events"] = new JsonArray(Event(), Event()) }),
            new("admin", HttpMethod.Post, $"{Api}/admin/badges", (JsonObject)badge.DeepClone()),
            new("admin", HttpMethod.Put, $"{Api}/admin/badges/{badgeId}", (JsonObject)badge.DeepClone()),
            new("admin", HttpMethod.Post, $"{Api}/badges/{badgeId}/award", new JsonObject { ["user_id"] = agentId, ["reason"] = "r" }),
            new("admin", HttpMethod.Post, $"{Api}/admin/challenges", (JsonObject)challenge.DeepClone()),
            new("admin", HttpMethod.Put, $"{Api}/admin/challenges/{challengeId}", (JsonObject)challenge.DeepClone()),
            new("admin", HttpMethod.Post, $"{Api}/admin/rewards", (JsonObject)reward.DeepClone()),
            new("admin", HttpMethod.Put, $"{Api}/admin/rewards/{rewardId}", (JsonObject)reward.DeepClone()),
            new("admin", HttpMethod.Post, $"{Api}/admin/rewards/{rewardId}/stock", new JsonObject { ["change"] = 1, ["reason"] = "r" }),
            new("admin", HttpMethod.Post, $"{Api}/admin/redemptions/999999/reject", new JsonObject { ["reason"] = "r" }),
            new("admin", HttpMethod.Post, $"{Api}/admin/redemptions/reject", new JsonObject { ["ids"] = new JsonArray(999999), ["reason"] = "r" }),
            new("agent", HttpMethod.Post, $"{Api}/redeem", new JsonObject { ["reward_id"] = rewardId, ["note"] = "n" }),
            new("admin", HttpMethod.Put, $"{Api}/admin/settings", new JsonObject
            {
                ["name"] = "Acme Contact Center", ["time_zone"] = "UTC", ["leaderboard_reset_period"] = "weekly", ["days_off"] = new JsonArray("saturday"),
            }),
            new("admin", HttpMethod.Post, $"{Api}/admin/settings/preset", new JsonObject { ["preset"] = "moderate" }),
            new("admin", HttpMethod.Put, $"{Api}/analytics/farming-thresholds", new JsonObject { ["burst_events"] = 10, ["note"] = "n" }),
            new("admin", HttpMethod.Post, $"{Api}/analytics/farming-flags/999999/dismiss", new JsonObject { ["note"] = "n" }),
            new("admin", HttpMethod.Post, $"{Api}/points/award", new JsonObject { ["user_id"] = agentId, ["points"] = 1, ["reason"] = "r" }),
            new("admin", HttpMethod.Post, $"{Api}/points/revoke", new JsonObject { ["user_id"] = agentId, ["points"] = 1, ["reason"] = "r" }),
            new("admin", HttpMethod.Post, $"{Api}/admin/api-keys", new JsonObject { ["name"] = "Fuzz key" }),
            new("admin", HttpMethod.Post, $"{Api}/admin/users", Person()),
            new("admin", HttpMethod.Put, $"{Api}/admin/users/{agentId}", new JsonObject
            {
                ["email"] = "agent05@acme.test", ["display_name"] = "Agent Five", ["role"] = "agent", ["external_id"] = "agent-05", ["is_active"] = true,
            }),
            new("admin", HttpMethod.Post, $"{Api}/admin/users/{agentId}/password", new JsonObject { ["password"] = "Demo123!" }),
            new("admin", HttpMethod.Post, $"{Api}/admin/teams", new JsonObject { ["name"] = "Fuzz team 2" }),
            new("admin", HttpMethod.Put, $"{Api}/admin/teams/{teamId}", new JsonObject { ["name"] = "Fuzz team 3" }),
            new("operator", HttpMethod.Post, "/api/v1/platform/tenants", new JsonObject
            {
                ["name"] = "Fuzz tenant", ["time_zone"] = "UTC", ["preset"] = "light", ["admin_email"] = "fuzz-admin@fuzz.test",
                ["admin_display_name"] = "Fuzz Admin", ["admin_password"] = "Fuzz123!x",
            }),
            new("anonymous", HttpMethod.Post, "/api/v1/auth/token", new JsonObject { ["email"] = "nobody@fuzz.test", ["password"] = "nothing" }),
        ];
    }

    /// <summary>The paths to every string in a JSON value (object keys and array indexes).</summary>
    private static IEnumerable<List<object>> StringPaths(JsonNode? node, List<object> path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    foreach (var p in StringPaths(value, [.. path, name]))
                    {
                        yield return p;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var p in StringPaths(a[i], [.. path, i]))
                    {
                        yield return p;
                    }
                }
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                yield return path;
                break;
        }
    }

    private static byte[] WithValueAt(JsonObject body, List<object> path, byte[] raw)
    {
        var copy = (JsonObject)body.DeepClone();
        JsonNode parent = copy;
        foreach (var step in path[..^1])
        {
            parent = step is string name ? parent[name]! : parent[(int)step]!;
        }
        if (path[^1] is string last)
        {
            parent[last] = Marker;
        }
        else
        {
            parent[(int)path[^1]] = Marker;
        }
        return Splice(copy, raw);
    }

    private static byte[] Splice(JsonObject body, byte[] raw)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body);
        var marker = JsonSerializer.SerializeToUtf8Bytes(Marker);
        var at = json.AsSpan().IndexOf(marker);
        return [.. json.AsSpan(0, at), .. raw, .. json.AsSpan(at + marker.Length)];
    }

    /// <summary>The valid body with one more field whose name is <paramref name="rawName"/>.</summary>
    private static byte[] WithFieldNamed(JsonObject body, byte[] rawName)
    {
        var copy = (JsonObject)body.DeepClone();
        copy[Marker] = 1;
        return Splice(copy, rawName);
    }

    [Fact]
    public async Task No_hostile_body_answers_a_server_error()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var clients = new Dictionary<string, HttpClient>
        {
            ["admin"] = admin,
            ["agent"] = await app.ClientForAsync("agent05@acme.test"),
            ["operator"] = await app.ClientForAsync("operator@platform.test"),
            ["anonymous"] = app.CreateClient(),
            ["key"] = app.CreateClient(),
        };
        var key = await IngestionSteps.CreateKeyAsync(app);
        var targets = await TargetsAsync(admin);
        var failures = new List<string>();
        var sent = 0;

        async Task SendAsync(Target target, byte[] body, string what, string contentType = "application/json; charset=utf-8")
        {
            using var request = new HttpRequestMessage(target.Method, target.Path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            if (target.Who == "key")
            {
                request.Headers.Add("X-Api-Key", key);
            }
            using var response = await clients[target.Who].SendAsync(request);
            sent++;
            if ((int)response.StatusCode >= 500)
            {
                var text = await response.Content.ReadAsStringAsync();
                failures.Add($"{target.Method} {target.Path} {what}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }
        }

        foreach (var target in targets)
        {
            var paths = StringPaths(target.Body, []).ToList();
            foreach (var path in paths)
            {
                for (var i = 0; i < Strings.Length; i++)
                {
                    await SendAsync(target, WithValueAt(target.Body, path, Strings[i]), $"{string.Join('.', path)} = string #{i}");
                }
            }
            if (paths.Count > 0)
            {
                for (var i = 0; i < Others.Length; i++)
                {
                    await SendAsync(target, WithValueAt(target.Body, paths[0], Others[i]), $"{string.Join('.', paths[0])} = other #{i}");
                }
            }
            for (var i = 0; i < 11; i++)
            {
                await SendAsync(target, WithFieldNamed(target.Body, Strings[i]), $"field named string #{i}");
            }
            for (var i = 0; i < Bodies.Length; i++)
            {
                await SendAsync(target, Bodies[i], $"body #{i}");
            }
            var valid = JsonSerializer.SerializeToUtf8Bytes(target.Body);
            await SendAsync(target, valid, "charset utf-16", "application/json; charset=utf-16");
            await SendAsync(target, valid, "charset unknown", "application/json; charset=x-no-such-charset");
            await SendAsync(target, valid, "text/plain", "text/plain");
        }

        Assert.True(sent > 1000, $"only {sent} requests were sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests answered 5xx:\n{string.Join('\n', failures.Take(40))}");
    }
}
