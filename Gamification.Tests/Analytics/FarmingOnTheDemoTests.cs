namespace Gamification.Tests.Analytics;

/// <summary>The demo as the app seeds it: Seed:Demo on, with appsettings.json's three weeks of Acme history replayed.</summary>
public sealed class DemoAsSeededFactory : GamificationAppFactory
{
    /// <summary>appsettings.json's Seed:DemoHistoryDays (and <see cref="SeedOptions"/>' default).</summary>
    protected override int HistoryDays => 21;
}

/// <summary>
/// No false accusations (issue 18): the demo's 24 Acme agents are ordinary people with good and bad days, and the
/// fair-play check raises no flag on them; the same check on the same data still flags a farmer once one appears.
/// </summary>
public sealed class FarmingOnTheDemoTests(DemoAsSeededFactory app) : IClassFixture<DemoAsSeededFactory>
{
    private const string Api = "/api/v1/gamification/analytics";

    [Fact]
    public async Task Check_now_flags_none_of_the_demos_ordinary_agents_and_still_flags_a_burst_added_today()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Now, TestClock.Zone).DateTime);
        var activeInTheWindow = await app.WithDbAsync(db => db.ActivityEvents.IgnoreQueryFilters()
            .Where(e => e.TenantId == acme && e.LocalDate >= today.AddDays(-13) && e.LocalDate <= today)
            .Select(e => e.UserId).Distinct().CountAsync());
        // The check has something to judge: every demo agent worked in the 14 days it looks at.
        Assert.Equal(24, activeInTheWindow);
        var supervisor = await app.ClientForAsync("supervisor@acme.test");

        var response = await supervisor.PostAsync($"{Api}/farming-flags/detect", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var flags = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags?status=all");
        Assert.True(flags.GetArrayLength() == 0, "Flags on ordinary demo agents: " + string.Join(" | ", flags.EnumerateArray()
            .Select(f => $"{f.GetProperty("display_name").GetString()} {f.GetProperty("kind").GetString()}: {f.GetProperty("evidence").GetString()}")));
        var run = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 0, 0), (run.GetProperty("new_flags").GetInt32(), run.GetProperty("updated_flags").GetInt32(), run.GetProperty("open_flags").GetInt32()));

        // Positive control: agent 07 logs 10 calls within 45 s now; the same check on the same demo flags them, and only them.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ingestion = scope.ServiceProvider.GetRequiredService<EventIngestion>();
            var start = app.Now.AddMinutes(-5);
            for (var k = 0; k < 10; k++)
            {
                await ingestion.IngestAsync(acme, new IncomingEvent($"demo-burst-{k}", ActivityType.CallCompleted, "agent-07",
                    start.AddSeconds(5 * k), DurationSeconds: 200), CancellationToken.None);
            }
        }

        var second = await (await supervisor.PostAsync($"{Api}/farming-flags/detect", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((1, 0, 1), (second.GetProperty("new_flags").GetInt32(), second.GetProperty("updated_flags").GetInt32(), second.GetProperty("open_flags").GetInt32()));
        var flag = Assert.Single((await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags")).EnumerateArray());
        Assert.Equal((await app.UserIdAsync("agent07@acme.test"), "bursts"), (flag.GetProperty("user_id").GetString(), flag.GetProperty("kind").GetString()));
        Assert.StartsWith("1 burst of 8 or more calls and conversions within 2 min on 1 day, the densest 10 events from ",
            flag.GetProperty("evidence").GetString(), StringComparison.Ordinal);
    }
}
