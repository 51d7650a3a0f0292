namespace Gamification.Tests.Api;

/// <summary>An admin gives a challenge a special prize, sees who completed it, and marks each prize handed out, once.</summary>
public sealed class ChallengePrizesApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Admin = "/api/v1/gamification/admin/challenges";

    /// <summary>A daily challenge of one call that names <paramref name="prize"/>; its id.</summary>
    internal static async Task<long> CreatePrizeChallengeAsync(HttpClient admin, string prize)
    {
        var created = await admin.PostAsJsonAsync(Admin, new
        {
            name = $"Lunch {Guid.NewGuid():n}"[..20],
            type = "daily",
            objective = "total_calls",
            target = 1,
            points_reward = 5,
            difficulty = "easy",
            prize,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_prize_challenge_completed_is_listed_handed_out_once_and_read_by_the_agent()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var challengeId = await CreatePrizeChallengeAsync(admin, "Team lunch on us");

        var tenantId = await app.TenantIdAsync(DemoSeeder.AcmeName);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EventIngestion>().IngestAsync(tenantId,
                new IncomingEvent($"prize-{Guid.NewGuid():n}", ActivityType.CallCompleted, "agent-07", app.Now), default);
        }
        var agent = await app.ClientForAsync("agent07@acme.test");
        var mine = await agent.GetFromJsonAsync<JsonElement>("/api/v1/gamification/challenges");
        Assert.Equal("Team lunch on us", mine.EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == challengeId).GetProperty("prize").GetString());

        var waiting = await admin.GetFromJsonAsync<JsonElement>($"{Admin}/prizes");
        var prize = waiting.EnumerateArray().Single(p => p.GetProperty("challenge_id").GetInt64() == challengeId);
        Assert.Equal(("Team lunch on us", JsonValueKind.Null), (prize.GetProperty("prize").GetString(), prize.GetProperty("handed_out_at").ValueKind));
        var id = prize.GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"{Admin}/prizes/{id}/hand-out", null)).StatusCode);
        var globex = await app.ClientForAsync("admin@globex.test");
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PostAsync($"{Admin}/prizes/{id}/hand-out", null)).StatusCode);

        var handed = await admin.PostAsync($"{Admin}/prizes/{id}/hand-out", null);
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        Assert.Equal("Adam Admin", (await handed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handed_out_by").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{Admin}/prizes/{id}/hand-out", null)).StatusCode);
        var done = await admin.GetFromJsonAsync<JsonElement>($"{Admin}/prizes?status=handed_out");
        Assert.Contains(done.EnumerateArray(), p => p.GetProperty("id").GetInt64() == id);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>($"{Admin}/prizes")).EnumerateArray(), p => p.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task A_bad_status_or_prize_is_a_400_naming_the_field()
    {
        var admin = await app.ClientForAsync("admin@acme.test");

        var status = await admin.GetAsync($"{Admin}/prizes?status=given");
        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.True((await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("status", out _));

        var prize = await admin.PostAsJsonAsync(Admin, new { name = "Too much", type = "daily", objective = "total_calls", target = 1, difficulty = "easy", prize = new string('x', 201) });
        Assert.Equal(HttpStatusCode.BadRequest, prize.StatusCode);
        Assert.True((await prize.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("prize", out _));
    }
}
