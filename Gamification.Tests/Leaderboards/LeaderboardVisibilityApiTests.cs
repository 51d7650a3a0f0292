namespace Gamification.Tests.Leaderboards;

/// <summary>
/// A say over being ranked (docs/rules.md): agents choose how colleagues see them (visible, anonymous, hidden) through
/// /me/preferences; other agents' boards leave hidden people out and rank among the people shown, anonymous people
/// appear without name, id or team; the person always sees their own rank; staff see everyone with their choice;
/// admins can switch the choice off and see who chose what; "protect the bottom" and the league tab shape agents' boards.
/// </summary>
public sealed class LeaderboardVisibilityApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";
    private const string Board = Api + "/leaderboard?period=weekly";

    /// <summary>agent01..agent20 on this week's board with distinct scores, agent01 first (240 points) to agent20 last (50).</summary>
    private async Task<Dictionary<int, (string Id, string Name)>> SeedBoardAsync()
    {
        var people = new Dictionary<int, (string, string)>();
        for (var n = 1; n <= 20; n++)
        {
            var email = $"agent{n:00}@acme.test";
            var person = await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => new { u.Id, u.DisplayName }).SingleAsync());
            people[n] = (person.Id, person.DisplayName);
        }
        var seeded = await app.WithDbAsync(db => db.UserPoints.IgnoreQueryFilters().AnyAsync(p => p.UserId == people[20].Item1));
        if (!seeded)
        {
            var admin = await app.ClientForAsync("admin@acme.test");
            foreach (var (n, (id, _)) in people)
            {
                var award = await admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = id, points = (25 - n) * 10, reason = "Board seed" });
                Assert.Equal(HttpStatusCode.OK, award.StatusCode);
            }
        }
        return people;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    private static async Task ChooseAsync(HttpClient client, string visibility)
    {
        var response = await client.PutAsJsonAsync($"{Api}/me/preferences", new { leaderboard_visibility = visibility });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(visibility, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leaderboard_visibility").GetString());
    }

    private async Task SettingsAsync(object body)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var response = await admin.PutAsJsonAsync($"{Api}/admin/settings", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static List<JsonElement> Entries(JsonElement board) => board.GetProperty("entries").EnumerateArray().ToList();

    [Fact]
    public async Task Hidden_and_anonymous_colleagues_on_another_agents_board_ranks_among_the_shown()
    {
        var people = await SeedBoardAsync();
        var hidden = await app.ClientForAsync("agent03@acme.test");
        var anonymous = await app.ClientForAsync("agent04@acme.test");
        var reader = await app.ClientForAsync("agent06@acme.test");
        var supervisor = await app.ClientForAsync("supervisor@acme.test");
        var teamsBefore = (await ReadAsync(supervisor, Board + "&teams=true")).GetProperty("entries").GetRawText();
        await ChooseAsync(hidden, "hidden");
        await ChooseAsync(anonymous, "anonymous");
        try
        {
            var raw = await reader.GetStringAsync(Board);
            var board = JsonSerializer.Deserialize<JsonElement>(raw);
            var rows = Entries(board);
            Assert.Equal(19, board.GetProperty("total_count").GetInt32());
            Assert.DoesNotContain(people[3].Id, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(people[3].Name, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(people[4].Id, raw, StringComparison.Ordinal);
            Assert.DoesNotContain(people[4].Name, raw, StringComparison.Ordinal);
            // Ranks among the people shown: 1..19 with no gap where the hidden person stands.
            Assert.Equal(Enumerable.Range(1, 19), rows.Select(r => r.GetProperty("rank").GetInt32()));
            var anon = Assert.Single(rows, r => r.GetProperty("display_name").GetString() == "Anonymous agent");
            Assert.Equal(3, anon.GetProperty("rank").GetInt32());
            Assert.Equal(JsonValueKind.Null, anon.GetProperty("user_id").ValueKind);
            Assert.Equal(JsonValueKind.Null, anon.GetProperty("team_id").ValueKind);
            Assert.Equal(JsonValueKind.Null, anon.GetProperty("team").ValueKind);
            Assert.Equal((25 - 4) * 10, anon.GetProperty("points").GetInt64());
            Assert.All(rows, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("leaderboard_visibility").ValueKind));
            var mine = board.GetProperty("user_rank");
            Assert.Equal((people[6].Id, 5), (mine.GetProperty("user_id").GetString(), mine.GetProperty("rank").GetInt32()));
            Assert.Equal(5, (await ReadAsync(reader, $"{Api}/points")).GetProperty("rank").GetInt32());
            // A search by the anonymous person's real name finds nobody.
            Assert.Empty(Entries(await ReadAsync(reader, Board + "&search=" + Uri.EscapeDataString(people[4].Name))));

            // The hidden person sees themself, ranked among the people shown and themself.
            var own = await ReadAsync(hidden, Board);
            Assert.Equal(20, own.GetProperty("total_count").GetInt32());
            Assert.Equal((people[3].Id, 3), (own.GetProperty("user_rank").GetProperty("user_id").GetString(), own.GetProperty("user_rank").GetProperty("rank").GetInt32()));
            Assert.Contains(Entries(own), r => r.GetProperty("is_caller").GetBoolean() && r.GetProperty("display_name").GetString() == people[3].Name);
            Assert.Equal(3, (await ReadAsync(hidden, $"{Api}/points")).GetProperty("rank").GetInt32());
            // The anonymous person sees their own name.
            Assert.Equal(people[4].Name, (await ReadAsync(anonymous, Board)).GetProperty("user_rank").GetProperty("display_name").GetString());

            // Staff see everyone by name, with their choice.
            var full = Entries(await ReadAsync(supervisor, Board));
            Assert.Equal(20, full.Count);
            Assert.Equal("hidden", full.Single(r => r.GetProperty("user_id").GetString() == people[3].Id).GetProperty("leaderboard_visibility").GetString());
            Assert.Equal("anonymous", full.Single(r => r.GetProperty("user_id").GetString() == people[4].Id).GetProperty("leaderboard_visibility").GetString());
            Assert.Equal("visible", full.Single(r => r.GetProperty("user_id").GetString() == people[6].Id).GetProperty("leaderboard_visibility").GetString());

            // Team boards still count every member's points.
            Assert.Equal(teamsBefore, (await ReadAsync(supervisor, Board + "&teams=true")).GetProperty("entries").GetRawText());
            var agentTeams = Entries(await ReadAsync(reader, Board + "&teams=true")).Select(t => (t.GetProperty("team_id").GetInt64(), t.GetProperty("points").GetInt64()));
            var staffTeams = Entries(await ReadAsync(supervisor, Board + "&teams=true")).Select(t => (t.GetProperty("team_id").GetInt64(), t.GetProperty("points").GetInt64()));
            Assert.Equal(staffTeams, agentTeams);
        }
        finally
        {
            await ChooseAsync(hidden, "visible");
            await ChooseAsync(anonymous, "visible");
        }
        Assert.Equal(20, (await ReadAsync(reader, Board)).GetProperty("total_count").GetInt32());
    }

    [Fact]
    public async Task Admins_see_who_chose_what_and_can_switch_the_choice_off()
    {
        var people = await SeedBoardAsync();
        var hidden = await app.ClientForAsync("agent07@acme.test");
        var anonymous = await app.ClientForAsync("agent08@acme.test");
        var reader = await app.ClientForAsync("agent10@acme.test");
        var admin = await app.ClientForAsync("admin@acme.test");
        await ChooseAsync(hidden, "hidden");
        await ChooseAsync(anonymous, "anonymous");
        try
        {
            var choices = await ReadAsync(admin, $"{Api}/admin/leaderboard-visibility");
            Assert.True(choices.GetProperty("leaderboard_visibility_choice").GetBoolean());
            Assert.Equal((1, 1), (choices.GetProperty("hidden").GetInt32(), choices.GetProperty("anonymous").GetInt32()));
            Assert.Equal(
                [(people[7].Id, "hidden"), (people[8].Id, "anonymous")],
                choices.GetProperty("people").EnumerateArray().Select(p => (p.GetProperty("user_id").GetString(), p.GetProperty("leaderboard_visibility").GetString()))
                    .OrderBy(p => p.Item2 == "anonymous"));
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"{Api}/admin/leaderboard-visibility")).StatusCode);

            await SettingsAsync(new { leaderboard_visibility_choice = false });
            var board = await reader.GetStringAsync(Board);
            Assert.Contains(people[7].Name, board, StringComparison.Ordinal);
            Assert.Contains(people[8].Name, board, StringComparison.Ordinal);
            Assert.DoesNotContain("Anonymous agent", board, StringComparison.Ordinal);
            var refused = await reader.PutAsJsonAsync($"{Api}/me/preferences", new { leaderboard_visibility = "anonymous" });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("leaderboard_visibility", out _), problem.GetRawText());
            var mine = await ReadAsync(reader, $"{Api}/me/preferences");
            Assert.Equal(("visible", false), (mine.GetProperty("leaderboard_visibility").GetString(), mine.GetProperty("leaderboard_visibility_choice").GetBoolean()));
            // The choices are kept for when the switch goes back on.
            Assert.Equal("hidden", (await ReadAsync(hidden, $"{Api}/me/preferences")).GetProperty("leaderboard_visibility").GetString());
        }
        finally
        {
            await SettingsAsync(new { leaderboard_visibility_choice = true });
            await ChooseAsync(hidden, "visible");
            await ChooseAsync(anonymous, "visible");
        }
    }

    [Theory]
    [InlineData("{\"leaderboard_visibility\":\"invisible\"}", "leaderboard_visibility")]
    [InlineData("{\"leaderboard_visibility\":3}", "leaderboard_visibility")]
    [InlineData("{\"streak_reminders\":\"no\"}", "streak_reminders")]
    [InlineData("{\"leaderboard_visibility\":\"hidden\",\"nickname\":\"x\"}", "nickname")]
    [InlineData("[]", "body")]
    public async Task Bad_preferences_are_refused_naming_the_field_and_change_nothing(string body, string field)
    {
        var agent = await app.ClientForAsync("agent11@acme.test");
        var before = (await ReadAsync(agent, $"{Api}/me/preferences")).GetRawText();

        var response = await agent.PutAsync($"{Api}/me/preferences", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, (await ReadAsync(agent, $"{Api}/me/preferences")).GetRawText());
    }

    [Fact]
    public async Task Preferences_start_visible_with_reminders_on_and_an_agent_turns_reminders_off()
    {
        var agent = await app.ClientForAsync("agent12@acme.test");
        var start = await ReadAsync(agent, $"{Api}/me/preferences");
        Assert.Equal(("visible", true, true, true), (start.GetProperty("leaderboard_visibility").GetString(), start.GetProperty("streak_reminders").GetBoolean(),
            start.GetProperty("leaderboard_visibility_choice").GetBoolean(), start.GetProperty("tenant_streak_reminders").GetBoolean()));

        var off = await agent.PutAsJsonAsync($"{Api}/me/preferences", new { streak_reminders = false });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);

        var now = await ReadAsync(agent, $"{Api}/me/preferences");
        Assert.Equal(("visible", false), (now.GetProperty("leaderboard_visibility").GetString(), now.GetProperty("streak_reminders").GetBoolean()));
        var userId = await app.UserIdAsync("agent12@acme.test");
        Assert.False(await app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => u.StreakReminders).SingleAsync()));
        Assert.True((await agent.PutAsJsonAsync($"{Api}/me/preferences", new { streak_reminders = true })).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Protect_the_bottom_shows_agents_the_top_and_their_neighbourhood_and_staff_the_whole_board()
    {
        var people = await SeedBoardAsync();
        await SettingsAsync(new { protect_bottom = true, protect_bottom_top = 5 });
        try
        {
            var agent = await app.ClientForAsync("agent15@acme.test");
            var board = await ReadAsync(agent, Board);
            Assert.Equal([1, 2, 3, 4, 5, 13, 14, 15, 16, 17], Entries(board).Select(r => r.GetProperty("rank").GetInt32()));
            Assert.Equal((10, 5), (board.GetProperty("total_count").GetInt32(), board.GetProperty("top_shown").GetInt32()));
            Assert.Equal(people[15].Id, Entries(board).Single(r => r.GetProperty("is_caller").GetBoolean()).GetProperty("user_id").GetString());
            Assert.DoesNotContain(people[20].Id, board.GetRawText(), StringComparison.Ordinal);

            // The last agent sees the top and the two above them; the leader sees the top alone.
            Assert.Equal([1, 2, 3, 4, 5, 18, 19, 20], Entries(await ReadAsync(await app.ClientForAsync("agent20@acme.test"), Board)).Select(r => r.GetProperty("rank").GetInt32()));
            Assert.Equal([1, 2, 3, 4, 5], Entries(await ReadAsync(await app.ClientForAsync("agent01@acme.test"), Board)).Select(r => r.GetProperty("rank").GetInt32()));

            var supervisor = await ReadAsync(await app.ClientForAsync("supervisor@acme.test"), Board);
            Assert.Equal(20, Entries(supervisor).Count);
            Assert.Equal(JsonValueKind.Null, supervisor.GetProperty("top_shown").ValueKind);

            var admin = await app.ClientForAsync("admin@acme.test");
            var bad = await admin.PutAsJsonAsync($"{Api}/admin/settings", new { protect_bottom_top = 0 });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("protect_bottom_top", out _));
        }
        finally
        {
            await SettingsAsync(new { protect_bottom = false, protect_bottom_top = 10 });
        }
    }

    [Fact]
    public async Task The_league_tab_ranks_an_agent_among_the_people_of_their_own_tier()
    {
        var people = await SeedBoardAsync();
        var tenantId = await app.TenantIdAsync(DemoSeeder.AcmeName);
        // Two veterans in the Silver tier (levels 4-6 start at 3,000 lifetime points).
        await app.WithDbAsync(async db =>
        {
            foreach (var n in Enumerable.Range(1, 2))
            {
                var id = people[n].Id;
                var level = await db.UserLevels.IgnoreQueryFilters().SingleOrDefaultAsync(l => l.UserId == id);
                if (level is null)
                {
                    db.UserLevels.Add(new UserLevel { TenantId = tenantId, UserId = id, LevelNumber = 4, ReachedAt = app.Now });
                }
                else
                {
                    level.LevelNumber = 4;
                }
            }
            return await db.SaveChangesAsync();
        });

        var veteran = await ReadAsync(await app.ClientForAsync("agent02@acme.test"), Board + "&league=true");
        Assert.Equal("Silver", veteran.GetProperty("league").GetString());
        Assert.Equal([(people[1].Id, 1), (people[2].Id, 2)], Entries(veteran).Select(r => (r.GetProperty("user_id").GetString(), r.GetProperty("rank").GetInt32())));

        var newcomer = await ReadAsync(await app.ClientForAsync("agent05@acme.test"), Board + "&league=true");
        Assert.Equal("Bronze", newcomer.GetProperty("league").GetString());
        Assert.True(newcomer.GetProperty("leagues_offered").GetBoolean());
        Assert.DoesNotContain(Entries(newcomer), r => r.GetProperty("user_id").GetString() is { } id && (id == people[1].Id || id == people[2].Id));
        Assert.Equal(3, newcomer.GetProperty("user_rank").GetProperty("rank").GetInt32());

        var agent = await app.ClientForAsync("agent05@acme.test");
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync(Board + "&league=true&teams=true")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync(Board + "&league=maybe")).StatusCode);
        await SettingsAsync(new { leagues = false });
        try
        {
            var off = await agent.GetAsync(Board + "&league=true");
            Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
            Assert.False((await ReadAsync(agent, Board)).GetProperty("leagues_offered").GetBoolean());
        }
        finally
        {
            await SettingsAsync(new { leagues = true });
        }
    }
}
