using Gamification.Tests.Api;

using Microsoft.AspNetCore.Hosting;

namespace Gamification.Tests.Security;

/// <summary>
/// A corpus of hostile bodies against every write endpoint of the route table, each sent by a caller the endpoint
/// lets in (ingestion with Acme's key): invalid UTF-8, lone surrogates, control characters and bidi overrides, huge,
/// negative and fractional numbers, wrong types, deep nesting, duplicate keys, a 10 MB body, wrong content types,
/// empty and truncated bodies. No answer is a server error, and a refused request leaves every table as it was.
/// </summary>
public sealed class FuzzCorpusTests(FuzzCorpusTests.FuzzApp app) : IClassFixture<FuzzCorpusTests.FuzzApp>
{
    /// <summary>The string fields the API's bodies use; each gets each hostile text on its own.</summary>
    private static readonly string[] TextFields =
    [
        "name", "description", "display_name", "email", "role", "external_id", "password", "reason", "note", "code",
        "category", "rarity", "requirement_type", "icon", "image_url", "redemption_details", "preset", "time_zone",
        "event_id", "type", "agent_id", "occurred_at", "user_id", "admin_email", "admin_name", "admin_password",
        "challenge_type", "objective_type", "difficulty", "limit_period", "start_date", "end_date",
    ];

    private static readonly string[] NumberFields =
    [
        "points", "quantity", "points_cost", "stock", "change", "team_id", "reward_id", "rating", "duration_seconds",
        "requirement_value", "points_reward", "objective_target", "code_validity_days", "per_agent_limit", "points_per_call",
        "daily_cap", "badge_reward_id", "min_rated_calls",
    ];

    /// <summary>Hostile texts, as JSON string literals (escapes kept as sent).</summary>
    private static readonly (string Name, string Json)[] HostileTexts =
    [
        ("a lone high surrogate", "\"a\\ud800b\""),
        ("a lone low surrogate", "\"\\udc00\""),
        ("a NUL and other control characters", "\"a\\u0000b\\u001bc\\u0007\""),
        ("a right-to-left override", "\"Evil\\u202etxt.exe\""),
        ("a 100,000-character text", "\"" + new string('x', 100_000) + "\""),
    ];

    [Fact]
    public async Task No_hostile_body_gets_a_server_error_and_a_refused_one_changes_nothing()
    {
        var ids = await app.AcmeIdsAsync();
        foreach (var caller in new[] { Caller.Anonymous, Caller.Agent, Caller.Admin, Caller.Operator })
        {
            await app.ClientAsync(caller); // signed in before any write can change a password
        }
        var writes = app.Endpoints().Where(e => e.IsWrite && e.Pattern.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        var connectionString = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        // An integration key notes when it was last used (once a minute): bookkeeping, not something a request stored.
        using var fingerprint = new DbFingerprint(connectionString, new HashSet<string> { "api_key.last_used_at" });
        fingerprint.CommittedSinceLastCheck();
        var current = fingerprint.Take();
        var failures = new StringBuilder();
        var sent = 0;
        var refused = 0;
        var tooLarge = new List<string>();
        var surrogates = new Dictionary<string, int>();

        foreach (var endpoint in writes)
        {
            var (client, key) = await CallerForAsync(endpoint);
            var path = ApiSurfaceApp.PathOf(endpoint, ids, out _);
            foreach (var (name, content) in Corpus(ids))
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path) { Content = content() };
                if (key is not null)
                {
                    request.Headers.Add("X-Api-Key", key);
                }
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                sent++;
                if (status >= 500)
                {
                    failures.AppendLine(CultureInfo.InvariantCulture, $"{endpoint} with {name}: {status} {Shorten(body)}");
                }
                if (name == EveryTextSurrogate)
                {
                    surrogates[endpoint.ToString()] = status;
                }
                if (name == TenMegabytes)
                {
                    tooLarge.Add($"{endpoint}: {status}");
                }
                if (status is >= 400 and < 500)
                {
                    refused++;
                }
                if (!fingerprint.CommittedSinceLastCheck())
                {
                    continue;
                }
                var after = fingerprint.Take();
                if (status is >= 400 and < 500)
                {
                    var changed = DbFingerprint.Changed(current, after);
                    if (changed.Count > 0)
                    {
                        failures.AppendLine(CultureInfo.InvariantCulture, $"{endpoint} with {name}: refused with {status}, yet changed {string.Join(", ", changed)}");
                    }
                }
                current = after;
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
        // Positive controls: every write endpoint was sent the whole corpus, and most of it was refused.
        Assert.True(writes.Count >= 40, $"Only {writes.Count} write endpoints were found.");
        Assert.Equal(writes.Count * Corpus(ids).Count(), sent);
        // Endpoints without a body (approve, deactivate, detect…) may accept anything; every endpoint that takes a body
        // refused the body whose every text held a lone surrogate.
        Assert.True(refused > sent / 2, $"Only {refused} of {sent} hostile requests were refused.");
        var withBody = writes.Where(e => e.BindsBody || e.Pattern.Contains("/events", StringComparison.Ordinal)).Select(e => e.ToString()).ToList();
        Assert.True(withBody.Count >= 30, $"Only {withBody.Count} endpoints take a body.");
        Assert.All(withBody, e => Assert.True(surrogates[e] == 400, $"{e} answered {surrogates[e]} to lone surrogates."));
        // Positive control of the change check: an award that is accepted shows up in the ledger's table.
        var admin = await app.ClientAsync(Caller.Admin);
        var award = await admin.PostAsync("/api/v1/gamification/points/award",
            Json($"{{\"user_id\":\"{ids["users"]}\",\"points\":5,\"reason\":\"Control\"}}")());
        Assert.Equal(HttpStatusCode.OK, award.StatusCode);
        Assert.True(fingerprint.CommittedSinceLastCheck());
        Assert.Contains("point_transactions", DbFingerprint.Changed(current, fingerprint.Take()));
        // A 10 MB body is refused before it is read, everywhere: 413.
        Assert.All(tooLarge, t => Assert.EndsWith(": 413", t, StringComparison.Ordinal));
    }

    private const string TenMegabytes = "a 10 MB body";
    private const string EveryTextSurrogate = "a lone high surrogate in every text field";

    private async Task<(HttpClient Client, string? Key)> CallerForAsync(SurfaceEndpoint endpoint)
    {
        if (endpoint.Pattern.StartsWith("/api/v1/gamification/events", StringComparison.Ordinal))
        {
            await app.AcmeIdsAsync();
            return (await app.ClientAsync(Caller.Anonymous), app.AcmeKey);
        }
        var caller = endpoint.Policies switch
        {
            var p when p.Contains("operator") => Caller.Operator,
            var p when p.Contains("agent") => Caller.Agent,
            var p when p.Count == 0 => Caller.Anonymous,
            _ => Caller.Admin,
        };
        if (endpoint.Pattern.EndsWith("/complete", StringComparison.Ordinal) || endpoint.Pattern.EndsWith("/redeem", StringComparison.Ordinal))
        {
            caller = Caller.Agent; // the tenant-member endpoints that act for the agent themselves
        }
        return (await app.ClientAsync(caller), null);
    }

    /// <summary>A body that would be valid for many endpoints (every field the API knows, with sensible values).</summary>
    private static Dictionary<string, string> ValidFields(IReadOnlyDictionary<string, string> ids)
    {
        static string Text(string value) => JsonSerializer.Serialize(value);
        var now = TestClock.Shared.GetUtcNow().AddSeconds(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new Dictionary<string, string>
        {
            ["name"] = Text("Fuzz"),
            ["description"] = Text("Fuzz"),
            ["display_name"] = Text("Fuzz Person"),
            ["email"] = Text("fuzz@acme.test"),
            ["role"] = Text("agent"),
            ["external_id"] = Text("fuzz-01"),
            ["password"] = Text("Fuzz123!x"),
            ["reason"] = Text("Fuzz"),
            ["note"] = Text("Fuzz"),
            ["code"] = Text("fuzz_code"),
            ["category"] = Text("social"),
            ["rarity"] = Text("common"),
            ["requirement_type"] = Text("manual"),
            ["icon"] = Text("heart"),
            ["image_url"] = Text("https://images.example/x.png"),
            ["redemption_details"] = Text("Fuzz {code}"),
            ["preset"] = Text("moderate"),
            ["time_zone"] = Text("Europe/Berlin"),
            ["event_id"] = Text("fuzz-event"),
            ["type"] = Text("call_completed"),
            ["agent_id"] = Text("agent-01"),
            ["occurred_at"] = Text(now),
            ["user_id"] = Text(ids["users"]),
            ["admin_email"] = Text("fuzz-admin@fuzz.test"),
            ["admin_name"] = Text("Fuzz Admin"),
            ["admin_password"] = Text("Fuzz123!x"),
            ["challenge_type"] = Text("weekly"),
            ["objective_type"] = Text("total_calls"),
            ["difficulty"] = Text("easy"),
            ["limit_period"] = Text("none"),
            ["start_date"] = Text(now),
            ["end_date"] = Text(TestClock.Shared.GetUtcNow().AddDays(7).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ["points"] = "5",
            ["quantity"] = "1",
            ["points_cost"] = "10",
            ["stock"] = "5",
            ["change"] = "1",
            ["team_id"] = ids["teams"],
            ["reward_id"] = ids["rewards"],
            ["rating"] = "4",
            ["duration_seconds"] = "120",
            ["requirement_value"] = "1",
            ["points_reward"] = "10",
            ["objective_target"] = "5",
            ["code_validity_days"] = "30",
            ["per_agent_limit"] = "1",
            ["points_per_call"] = "10",
            ["daily_cap"] = "500",
            ["badge_reward_id"] = "null",
            ["min_rated_calls"] = "1",
            ["ids"] = $"[{ids["redemptions"]}]",
            ["is_active"] = "true",
        };
    }

    private static string Object(IEnumerable<KeyValuePair<string, string>> fields) =>
        "{" + string.Join(",", fields.Select(f => $"{JsonSerializer.Serialize(f.Key)}:{f.Value}")) + "}";

    private static string With(Dictionary<string, string> valid, string field, string json) =>
        Object(valid.Select(f => f.Key == field ? new KeyValuePair<string, string>(f.Key, json) : f));

    private static Func<HttpContent> Json(string text) => () => new StringContent(text, Encoding.UTF8, "application/json");

    private static Func<HttpContent> Bytes(byte[] bytes, string contentType) => () =>
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    };

    /// <summary>The corpus: (what it is, a fresh body each time).</summary>
    private static IEnumerable<(string Name, Func<HttpContent> Content)> Corpus(IReadOnlyDictionary<string, string> ids)
    {
        var valid = ValidFields(ids);
        // A lone surrogate is what broke the readers: each text field gets it on its own, with the others valid.
        foreach (var field in TextFields)
        {
            yield return ($"a lone surrogate in {field}", Json(With(valid, field, "\"a\\ud800b\"")));
        }
        foreach (var (name, json) in HostileTexts)
        {
            yield return ($"{name} in every text field", Json(Object(valid.Select(f => TextFields.Contains(f.Key) ? new(f.Key, json) : f))));
        }
        foreach (var field in new[] { "name", "display_name", "reason", "event_id", "agent_id", "preset", "email" })
        {
            // Invalid UTF-8: a lone continuation byte and a truncated sequence inside the field's text.
            var bytes = Encoding.UTF8.GetBytes(With(valid, field, "\"a\u0001b\"")).ToList();
            var at = bytes.IndexOf(1);
            bytes.RemoveAt(at);
            bytes.InsertRange(at, new byte[] { 0x80, 0xC3 });
            yield return ($"invalid UTF-8 in {field}", Bytes([.. bytes], "application/json; charset=utf-8"));
        }
        foreach (var (name, number) in new[] { ("a huge number", "1e400"), ("a number past long", "99999999999999999999999"),
                     ("a negative number", "-1"), ("a number past int, negative", "-2147483649"), ("a fraction", "1.5"),
                     ("a number as text", "\"12\""), ("an object for a number", "{}") })
        {
            yield return ($"{name} in every number field", Json(Object(valid.Select(f => NumberFields.Contains(f.Key) ? new(f.Key, number) : f))));
        }
        yield return ("numbers for every text", Json(Object(valid.Select(f => TextFields.Contains(f.Key) ? new(f.Key, "5") : f))));
        yield return ("arrays for every field", Json(Object(valid.Select(f => new KeyValuePair<string, string>(f.Key, "[1,\"x\"]")))));
        yield return ("a JSON array", Json("[{\"name\":\"x\"}]"));
        yield return ("a JSON string", Json("\"x\""));
        yield return ("a JSON number", Json("42"));
        yield return ("null", Json("null"));
        yield return ("deep nesting", Json("{\"name\":" + new string('[', 10_000) + new string(']', 10_000) + "}"));
        yield return ("deep nesting in an object", Json(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)));
        yield return ("duplicate keys", Json(Object(valid.Concat(valid.Select(f => new KeyValuePair<string, string>(f.Key, "\"\\ud800\""))))));
        yield return (TenMegabytes, Json(With(valid, "description", "\"" + new string('x', 10 * 1024 * 1024) + "\"")));
        yield return ("text/plain", Bytes(Encoding.UTF8.GetBytes(Object(valid)), "text/plain"));
        yield return ("application/xml", Bytes(Encoding.UTF8.GetBytes("<reward><name>x</name></reward>"), "application/xml"));
        yield return ("a form", Bytes(Encoding.UTF8.GetBytes("name=x&points=5"), "application/x-www-form-urlencoded"));
        yield return ("a broken multipart body", Bytes(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx"), "multipart/form-data; boundary=b"));
        yield return ("no content type", () => new ByteArrayContent(Encoding.UTF8.GetBytes(Object(valid))));
        yield return ("an empty body", Json(""));
        yield return ("truncated JSON", Json("{\"name\":"));
        yield return ("a byte-order mark and JSON", Bytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"name\":\"\\ud800\"}")], "application/json"));
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>The surface app, with an ingestion budget no fuzzing run meets (the limit has tests of its own).</summary>
    public sealed class FuzzApp : ApiSurfaceApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Ingestion:RequestsPerSecondPerKey", "100000");
        }
    }
}
