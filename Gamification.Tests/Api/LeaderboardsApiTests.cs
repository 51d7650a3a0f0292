namespace Gamification.Tests.Api;

public sealed class LeaderboardsApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";

    [Fact]
    public async Task An_ingested_event_shows_in_the_next_read_with_the_callers_row_and_rank()
    {
        var agent = await app.ClientForAsync("agent14@acme.test");
        var me = await app.UserIdAsync("agent14@acme.test");
        var before = await agent.GetFromJsonAsync<JsonElement>($"{Api}/leaderboard?period=weekly");
        var pointsBefore = before.GetProperty("user_rank").ValueKind == JsonValueKind.Null ? 0 : before.GetProperty("user_rank").GetProperty("points").GetInt64();

        var key = await IngestionSteps.CreateKeyAsync(app);
        var ingested = await (await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-14", rating: 5)))
            .Content.ReadFromJsonAsync<JsonElement>();
        var gained = ingested.GetProperty("current_points").GetInt64();

        var after = await agent.GetFromJsonAsync<JsonElement>($"{Api}/leaderboard?period=weekly&limit=50");
        Assert.Equal("weekly", after.GetProperty("period_type").GetString());
        Assert.Equal(50, after.GetProperty("limit").GetInt32());
        var mine = after.GetProperty("user_rank");
        Assert.Equal(me, mine.GetProperty("user_id").GetString());
        Assert.True(mine.GetProperty("is_caller").GetBoolean());
        Assert.True(mine.GetProperty("points").GetInt64() >= pointsBefore + ingested.GetProperty("points_awarded").GetInt64());
        Assert.True(gained > 0);
        var entries = after.GetProperty("entries").EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("user_id").GetString() == me);
        foreach (var field in new[] { "rank", "display_name", "team", "points", "points_change", "previous_rank", "badges_count", "streak_days" })
        {
            Assert.True(entries[0].TryGetProperty(field, out _), field);
        }
        var ranks = entries.Select(e => e.GetProperty("rank").GetInt32()).ToList();
        Assert.Equal(ranks.Order().ToList(), ranks);

        var points = await agent.GetFromJsonAsync<JsonElement>($"{Api}/points");
        Assert.Equal(mine.GetProperty("rank").GetInt32(), points.GetProperty("rank").GetInt32());
        var profile = await agent.GetFromJsonAsync<JsonElement>($"{Api}/profile");
        Assert.Equal(mine.GetProperty("rank").GetInt32(), profile.GetProperty("rank").GetInt32());
    }

    [Theory]
    [InlineData("period=yearly", "period")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("team_id=x", "team_id")]
    public async Task Bad_queries_are_a_400_problem(string query, string field)
    {
        await IngestionSteps.AssertGetRefusedAsync(app, "agent15@acme.test", $"{Api}/leaderboard?{query}", field);
    }

    [Fact]
    public async Task Another_tenants_people_and_teams_never_appear()
    {
        var key = await IngestionSteps.CreateKeyAsync(app);
        await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-16"));
        var globex = await app.ClientForAsync("agent01@globex.test");
        var acmeIds = await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email!.EndsWith("@acme.test")).Select(u => u.Id).ToListAsync());

        foreach (var query in new[] { "period=weekly", "period=all_time", "period=weekly&teams=true" })
        {
            var board = await globex.GetFromJsonAsync<JsonElement>($"{Api}/leaderboard?{query}");
            Assert.DoesNotContain(board.GetProperty("entries").EnumerateArray(), e => acmeIds.Contains(e.GetProperty("user_id").GetString() ?? ""));
        }
        var acmeTeam = await app.WithDbAsync(db => db.Teams.IgnoreQueryFilters().Where(t => t.Name != null).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync());
        var other = await globex.GetAsync($"{Api}/leaderboard?team_id={acmeTeam}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task An_admin_takes_snapshots_now_and_an_agent_may_not()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var response = await admin.PostAsync($"{Api}/leaderboard/update", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["daily", "weekly", "monthly", "all_time"], body.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("period").GetString()));

        var board = await admin.GetFromJsonAsync<JsonElement>($"{Api}/leaderboard?period=weekly");
        Assert.NotEqual(JsonValueKind.Null, board.GetProperty("snapshot_at").ValueKind);

        var agent = await app.ClientForAsync("agent15@acme.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"{Api}/leaderboard/update", null)).StatusCode);
    }
}
