using System.Net.Http.Json;
using System.Text.Json;

using Gamification.Core.Data;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Gamification.Bench;

/// <summary>The options of <c>-- live</c>.</summary>
internal sealed record LiveSettings(int Samples, int Dashboards);

/// <summary>
/// How long a live update takes to show, in a real browser: from the moment an event is sent to the ingestion API
/// (POST /api/v1/gamification/events with an integration key) until the page shows it. Two pages: an agent's
/// dashboard (the app-bar's #indicator-points takes the new value) and the leaderboard open as another agent (the
/// row of the agent the event is for takes its new points). The page stamps the change with <c>Date.now()</c> from a
/// MutationObserver; the bench stamps the send with the same machine's clock.
/// </summary>
internal static class LiveBenchmark
{
    private const double TargetMs = 250;
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The leaderboard reloads at most once per 2 s (Leaderboard.razor's LiveInterval): samples are spaced wider,
    /// so that each measures one event's way to the page and not the throttle's wait.</summary>
    private static readonly TimeSpan LeaderboardSpacing = TimeSpan.FromMilliseconds(2200);

    // Arms the page: the next change of the watched attribute (a re-render that replaces the element counts too) is
    // stamped with Date.now() in window.__benchSeen.
    private const string ArmScript = """
        (spec) => {
          window.__benchSeen = null;
          window.__benchSpec = spec;
          const check = () => {
            const s = window.__benchSpec;
            if (!s || window.__benchSeen !== null) return;
            const el = document.querySelector(s.selector);
            const value = el ? el.getAttribute(s.attr) : null;
            if (value !== null && value !== s.old) {
              window.__benchSeen = { at: Date.now(), value: value, rank: el.getAttribute('data-rank') };
            }
          };
          if (!window.__benchObserver) {
            window.__benchObserver = new MutationObserver(() => check());
            window.__benchObserver.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          }
          check();
        }
        """;

    public static async Task<int> RunAsync(LiveSettings s)
    {
        Console.WriteLine($"live: {s.Samples} events per page through POST /api/v1/gamification/events, in-process app on Kestrel (SQLite), headless Chromium");
        await using var app = await LiveApp.StartAsync();
        Console.WriteLine($"  app on {app.BaseUrl}, {Environment.ProcessorCount} cores");
        using var api = await app.IntegrationClientAsync();
        var agents = await AgentsAsync(app);

        var daily = new Dictionary<string, int>();
        var dashboard = await DashboardAsync(app, api, s, daily);
        var dashboardMet = Report("dashboard indicator", dashboard.Latencies, dashboard.Answered, dashboard.Lost, "");
        var leaderboard = await LeaderboardAsync(app, api, agents, s, daily);
        var leaderboardMet = Report("leaderboard row", leaderboard.Latencies, leaderboard.Answered, leaderboard.Lost,
            $"; the row moved up in {leaderboard.MovedUp} of {leaderboard.Latencies.Count}");
        return dashboardMet && leaderboardMet ? 0 : 1;
    }

    private static bool Report(string what, List<double> latencies, List<double> answered, int lost, string extra)
    {
        if (latencies.Count == 0)
        {
            Console.WriteLine($"  {what,-20} no sample reached the page ({lost} lost)");
            return false;
        }
        var sorted = latencies.Order().ToList();
        var p95 = LiveApp.Percentile(sorted, 0.95);
        var met = p95 < TargetMs && lost == 0;
        Console.WriteLine($"  {what,-20} p50 {LiveApp.Percentile(sorted, 0.5),6:N0} ms, p95 {p95,6:N0} ms, max {sorted[^1],6:N0} ms over {sorted.Count} events"
            + $" (target p95 < {TargetMs:N0} ms: {(met ? "met" : "MISSED")}; {lost} not shown within {SampleTimeout.TotalSeconds:N0} s{extra})");
        // Where the time goes: the API's answer comes after the commit and the publish to the circuits.
        var api = answered.Order().ToList();
        var shownFirst = latencies.Zip(answered).Count(pair => pair.First <= pair.Second);
        Console.WriteLine($"  {"",-20} of which the POST until its answer: p50 {LiveApp.Percentile(api, 0.5),6:N0} ms, p95 {LiveApp.Percentile(api, 0.95),6:N0} ms;"
            + $" the page showed the change before the answer arrived in {shownFirst} of {latencies.Count}");
        return met;
    }

    /// <summary>Acme's agents: user id to the agent id the call-center system sends.</summary>
    private static async Task<Dictionary<string, string>> AgentsAsync(LiveApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GamificationDbContext>();
        return await db.Users.IgnoreQueryFilters()
            .Where(u => u.Email!.EndsWith("@acme.test") && u.ExternalId != null)
            .ToDictionaryAsync(u => u.Id, u => u.ExternalId!);
    }

    private static async Task<(List<double> Latencies, List<double> Answered, int Lost)> DashboardAsync(LiveApp app, HttpClient api, LiveSettings s, Dictionary<string, int> daily)
    {
        // Several agents in turn, so that no one reaches the daily cap (a capped event changes no points).
        var pages = new List<(IPage Page, string AgentId)>();
        for (var i = 1; i <= s.Dashboards; i++)
        {
            var context = await app.SignedInContextAsync($"agent{i:00}@acme.test");
            pages.Add((await LiveApp.OpenLiveAsync(context, "/dashboard/gamification", "#dash-live"), $"agent-{i:00}"));
        }
        var latencies = new List<double>();
        var answered = new List<double>();
        var lost = 0;
        for (var n = 0; n < s.Samples; n++)
        {
            var (page, agentId) = pages[n % pages.Count];
            var old = await page.Locator("#indicator-points").GetAttributeAsync("data-value");
            var sample = await MeasureAsync(page, api, agentId, "#indicator-points", "data-value", old, daily);
            if (sample is { } measured)
            {
                latencies.Add(measured.Ms);
                answered.Add(measured.AnsweredMs);
                // The page ends on the API's figure (no other event was on its way), before the next sample.
                await page.WaitForFunctionAsync("v => document.querySelector('#indicator-points')?.getAttribute('data-value') === v",
                    measured.CurrentPoints.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                lost++;
            }
            await Task.Delay(100);
        }
        foreach (var (page, _) in pages)
        {
            await page.Context.CloseAsync();
        }
        return (latencies, answered, lost);
    }

    private static async Task<(List<double> Latencies, List<double> Answered, int Lost, int MovedUp)> LeaderboardAsync(
        LiveApp app, HttpClient api, Dictionary<string, string> agents, LiveSettings s, Dictionary<string, int> daily)
    {
        var context = await app.SignedInContextAsync("agent24@acme.test");
        var page = await LiveApp.OpenLiveAsync(context, "/leaderboard", "#lb-live");
        await page.Locator("#lb-board [data-user-id][data-points]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var latencies = new List<double>();
        var answered = new List<double>();
        var (lost, movedUp) = (0, 0);
        for (var n = 0; n < s.Samples; n++)
        {
            // The agent in the last place shown: a perfect call (30 points) moves them up the weekly board. Agents near
            // the daily cap (500 points at level 1, by the API's answers so far) are passed over: a capped call changes nothing.
            var rows = await page.EvaluateAsync<JsonElement>("""
                () => [...document.querySelectorAll('#lb-board [data-user-id][data-points][data-rank]')]
                  .map(e => ({ id: e.getAttribute('data-user-id'), points: e.getAttribute('data-points'), rank: +e.getAttribute('data-rank') }))
                """);
            var eligible = rows.EnumerateArray()
                .Where(r => r.GetProperty("id").GetString() is { } id && agents.TryGetValue(id, out var agent) && daily.GetValueOrDefault(agent) <= 450)
                .ToList();
            // When everyone shown is near the cap, an agent not on the board yet: their row appears.
            (string UserId, int Rank, string? Points) target;
            if (eligible.Count > 0)
            {
                var last = eligible.MaxBy(r => r.GetProperty("rank").GetInt32());
                target = (last.GetProperty("id").GetString()!, last.GetProperty("rank").GetInt32(), last.GetProperty("points").GetString());
            }
            else
            {
                var shown = rows.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
                target = (agents.First(a => daily.GetValueOrDefault(a.Value) <= 450 && !shown.Contains(a.Key)).Key, int.MaxValue, null);
            }
            var (userId, rank, points) = target;
            var selector = $"#lb-board [data-user-id=\"{userId}\"][data-points]";
            var sample = await MeasureAsync(page, api, agents[userId], selector, "data-points", points, daily, rating: 5);
            if (sample is { } measured)
            {
                latencies.Add(measured.Ms);
                answered.Add(measured.AnsweredMs);
                if (measured.Rank is { } newRank && newRank < rank)
                {
                    movedUp++;
                }
            }
            else
            {
                lost++;
            }
            await Task.Delay(LeaderboardSpacing);
        }
        await context.CloseAsync();
        return (latencies, answered, lost, movedUp);
    }

    private static async Task<(double Ms, double AnsweredMs, string Value, int? Rank, long CurrentPoints)?> MeasureAsync(
        IPage page, HttpClient api, string agentId, string selector, string attribute, string? old, Dictionary<string, int> daily, int? rating = null)
    {
        await page.EvaluateAsync(ArmScript, new { selector, attr = attribute, old });
        var body = new Dictionary<string, object>
        {
            ["event_id"] = $"live-{Guid.NewGuid():n}",
            ["type"] = "call_completed",
            ["agent_id"] = agentId,
            ["occurred_at"] = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (rating is { } r)
        {
            body["rating"] = r;
        }
        using var content = JsonContent.Create(body);
        await content.LoadIntoBufferAsync();
        var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var response = await api.PostAsync("/api/v1/gamification/events", content);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var answered = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sent;
        if (!response.IsSuccessStatusCode || answer.GetProperty("status").GetString() != "awarded")
        {
            throw new InvalidOperationException($"The event for {agentId} was not awarded: {(int)response.StatusCode} {answer}");
        }
        daily[agentId] = answer.GetProperty("daily_points").GetInt32();
        try
        {
            await page.WaitForFunctionAsync("() => window.__benchSeen !== null", null, new() { Timeout = (float)SampleTimeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            return null;
        }
        var seen = await page.EvaluateAsync<JsonElement>("() => window.__benchSeen");
        var rank = seen.GetProperty("rank").ValueKind == JsonValueKind.String && int.TryParse(seen.GetProperty("rank").GetString(), out var parsed) ? parsed : (int?)null;
        return (seen.GetProperty("at").GetDouble() - sent, answered, seen.GetProperty("value").GetString()!, rank, answer.GetProperty("current_points").GetInt64());
    }
}
