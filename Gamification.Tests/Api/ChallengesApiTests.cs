namespace Gamification.Tests.Api;

public sealed class ChallengesApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";

    private Task<int> ChallengeCountAsync() => app.WithDbAsync(db => db.Challenges.IgnoreQueryFilters().CountAsync());

    private async Task<long> ChallengeIdAsync(string tenant, string name)
    {
        var tenantId = await app.TenantIdAsync(tenant);
        return await app.WithDbAsync(db => db.Challenges.IgnoreQueryFilters().Where(c => c.TenantId == tenantId && c.Name == name).Select(c => c.Id).SingleAsync());
    }

    private static Dictionary<string, object?> NewChallenge(string type = "daily", string objective = "total_calls", int target = 2, int pointsReward = 40) => new()
    {
        ["name"] = $"Test challenge {Guid.NewGuid():n}"[..30],
        ["description"] = "Made by a test.",
        ["type"] = type,
        ["objective"] = objective,
        ["target"] = target,
        ["min_rated_calls"] = 0,
        ["points_reward"] = pointsReward,
        ["badge_reward_id"] = null,
        ["difficulty"] = "easy",
        ["start_day"] = null,
        ["end_day"] = null,
        ["is_team_challenge"] = false,
    };

    private static async Task<JsonElement> CreateAsync(HttpClient admin, Dictionary<string, object?> body)
    {
        var response = await admin.PostAsJsonAsync($"{Api}/admin/challenges", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The tenant's local today by the app's clock (early afternoon in New York: a test's events and reads share one daily window).</summary>
    private async Task<DateOnly> LocalTodayAsync(string tenant)
    {
        var zoneId = await app.WithDbAsync(db => db.Tenants.Where(t => t.Name == tenant).Select(t => t.TimeZoneId).SingleAsync());
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Now, TimeZoneInfo.FindSystemTimeZoneById(zoneId)).DateTime);
    }

    [Fact]
    public async Task An_agents_calls_complete_a_daily_challenge_and_pay_its_reward()
    {
        var today = await LocalTodayAsync(DemoSeeder.AcmeName);
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent09@acme.test");
        var created = await CreateAsync(admin, NewChallenge(target: 2, pointsReward: 40));
        var id = created.GetProperty("id").GetInt64();
        var key = await IngestionSteps.CreateKeyAsync(app);

        var before = await agent.GetFromJsonAsync<JsonElement>($"{Api}/challenges/{id}/progress");
        for (var i = 0; i < 2; i++)
        {
            // A challenge without a start day counts from the instant it was created; event times are whole seconds.
            var e = IngestionSteps.Event("agent-09", occurredAt: app.Now.AddSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, e)).StatusCode);
        }
        var progress = await agent.GetFromJsonAsync<JsonElement>($"{Api}/challenges/{id}/progress");

        Assert.Equal(0m, before.GetProperty("progress").GetDecimal());
        Assert.False(before.GetProperty("completed").GetBoolean());
        Assert.Equal(id, progress.GetProperty("challenge_id").GetInt64());
        Assert.Equal(2m, progress.GetProperty("progress").GetDecimal());
        Assert.Equal(2, progress.GetProperty("target").GetInt32());
        Assert.True(progress.GetProperty("completed").GetBoolean());
        Assert.Equal(100, progress.GetProperty("progress_percent").GetInt32());
        Assert.Equal(today, DateOnly.ParseExact(progress.GetProperty("window_start").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(today, DateOnly.ParseExact(progress.GetProperty("window_end").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal("daily", progress.GetProperty("type").GetString());
        Assert.Equal("total_calls", progress.GetProperty("objective").GetString());
        Assert.InRange(progress.GetProperty("time_left_seconds").GetInt64(), 1, 25 * 3600);
        Assert.False(progress.TryGetProperty("time_left", out _));
        Assert.Equal(40, progress.GetProperty("points_reward").GetInt32());

        var mine = await agent.GetFromJsonAsync<JsonElement>($"{Api}/challenges");
        var listed = Assert.Single(mine.EnumerateArray(), c => c.GetProperty("challenge_id").GetInt64() == id);
        Assert.True(listed.GetProperty("completed").GetBoolean());
        Assert.Contains(mine.EnumerateArray(), c => c.GetProperty("name").GetString() == "Daily Ten");

        var rewards = await agent.GetFromJsonAsync<JsonElement>($"{Api}/transactions?type=challenge_reward");
        Assert.Contains(rewards.EnumerateArray(), t => t.GetProperty("points").GetInt64() == 40);

        var stats = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/challenges/{id}");
        Assert.True(stats.GetProperty("completions").GetInt32() >= 1);
        Assert.True(stats.GetProperty("participants").GetInt32() >= stats.GetProperty("completions").GetInt32());
    }

    [Fact]
    public async Task An_admin_creates_edits_lists_and_ends_a_challenge()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent10@acme.test");
        var body = NewChallenge("special", "conversions", 5, 75);
        body["start_day"] = "2030-06-01";
        body["end_day"] = "2030-06-30";
        body["difficulty"] = "hard";

        var response = await admin.PostAsJsonAsync($"{Api}/admin/challenges", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"{Api}/admin/challenges/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("special", created.GetProperty("type").GetString());
        Assert.Equal("conversions", created.GetProperty("objective").GetString());
        Assert.Equal("hard", created.GetProperty("difficulty").GetString());
        Assert.Equal("2030-06-01", created.GetProperty("start_day").GetString());
        Assert.Equal("2030-06-30", created.GetProperty("end_day").GetString());
        Assert.Equal("scheduled", created.GetProperty("status").GetString());
        Assert.Equal(0, created.GetProperty("participants").GetInt32());

        body["name"] = "Summer closer";
        body["target"] = 8;
        var edited = await admin.PutAsJsonAsync($"{Api}/admin/challenges/{id}", body);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var view = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/challenges/{id}");
        Assert.Equal("Summer closer", view.GetProperty("name").GetString());
        Assert.Equal(8, view.GetProperty("target").GetInt32());
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/challenges")).EnumerateArray(), c => c.GetProperty("id").GetInt64() == id);

        var daily = (await CreateAsync(admin, NewChallenge())).GetProperty("id").GetInt64();
        Assert.Contains((await agent.GetFromJsonAsync<JsonElement>($"{Api}/challenges")).EnumerateArray(), c => c.GetProperty("challenge_id").GetInt64() == daily);
        var ended = await admin.PostAsync($"{Api}/admin/challenges/{daily}/end", null);

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var endedView = await ended.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ended", endedView.GetProperty("status").GetString());
        Assert.False(endedView.GetProperty("is_active").GetBoolean());
        Assert.DoesNotContain((await agent.GetFromJsonAsync<JsonElement>($"{Api}/challenges")).EnumerateArray(), c => c.GetProperty("challenge_id").GetInt64() == daily);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/challenges?include_ended=false")).EnumerateArray(), c => c.GetProperty("id").GetInt64() == daily);
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/challenges?include_ended=true")).EnumerateArray(), c => c.GetProperty("id").GetInt64() == daily);
    }

    [Theory]
    [InlineData("target_0", "target")]
    [InlineData("unknown_objective", "objective")]
    [InlineData("unknown_type", "type")]
    [InlineData("unknown_difficulty", "difficulty")]
    [InlineData("malformed_start_day", "start_day")]
    [InlineData("missing_name", "name")]
    [InlineData("target_text", "target")]
    [InlineData("satisfaction_target_101", "target")]
    [InlineData("satisfaction_target_0", "target")]
    [InlineData("satisfaction_no_rated_calls", "min_rated_calls")]
    [InlineData("satisfaction_team", "is_team_challenge")]
    [InlineData("rank_target_0", "target")]
    [InlineData("rank_target_1001", "target")]
    [InlineData("rank_team", "is_team_challenge")]
    public async Task A_bad_challenge_is_refused_with_400_naming_the_field_and_nothing_is_stored(string scenario, string field)
    {
        var body = NewChallenge();
        switch (scenario)
        {
            case "target_0": body["target"] = 0; break;
            case "unknown_objective": body["objective"] = "coffees_drunk"; break;
            case "unknown_type": body["type"] = "hourly"; break;
            case "unknown_difficulty": body["difficulty"] = "nightmare"; break;
            case "malformed_start_day": body["type"] = "special"; body["start_day"] = "2030-13-01"; body["end_day"] = "2030-12-31"; break;
            case "missing_name": body.Remove("name"); break;
            case "target_text": body["target"] = "two"; break;
            case "satisfaction_target_101": Satisfaction(body, 101, 10); break;
            case "satisfaction_target_0": Satisfaction(body, 0, 10); break;
            case "satisfaction_no_rated_calls": Satisfaction(body, 90, 0); break;
            case "satisfaction_team": Satisfaction(body, 90, 10); body["is_team_challenge"] = true; break;
            case "rank_target_0": body["objective"] = "leaderboard_rank"; body["target"] = 0; break;
            case "rank_target_1001": body["objective"] = "leaderboard_rank"; body["target"] = 1001; break;
            case "rank_team": body["objective"] = "leaderboard_rank"; body["target"] = 3; body["is_team_challenge"] = true; break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        await IngestionSteps.AssertPostRefusedAsync(app, "admin@acme.test", $"{Api}/admin/challenges", body, field, ChallengeCountAsync);
    }

    private static void Satisfaction(Dictionary<string, object?> body, int target, int minRatedCalls)
    {
        body["objective"] = "satisfaction_rate";
        body["target"] = target;
        body["min_rated_calls"] = minRatedCalls;
    }

    [Fact]
    public async Task Bad_targets_of_the_new_objectives_say_what_a_good_one_is()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var percent = NewChallenge("monthly", "satisfaction_rate", 120);
        percent["min_rated_calls"] = 10;
        var rank = NewChallenge("seasonal", "leaderboard_rank", 5000);

        var percentErrors = (await IngestionSteps.ProblemAsync(await admin.PostAsJsonAsync($"{Api}/admin/challenges", percent))).GetProperty("errors");
        var rankErrors = (await IngestionSteps.ProblemAsync(await admin.PostAsJsonAsync($"{Api}/admin/challenges", rank))).GetProperty("errors");

        Assert.Equal("For a satisfaction rate, the target is a percentage from 1 to 100 (90: nine in ten rated calls rated 4 or 5).",
            percentErrors.GetProperty("target")[0].GetString());
        Assert.Equal("For a leaderboard rank, the target is the rank to finish at or above: 1 to 1,000 (3: the top 3).",
            rankErrors.GetProperty("target")[0].GetString());
    }

    [Fact]
    public async Task A_satisfaction_rate_challenge_reads_as_a_percentage_and_n_of_m_rated_calls_and_pays_at_the_target()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent11@acme.test");
        var body = NewChallenge(objective: "satisfaction_rate", target: 60, pointsReward: 45);
        body["min_rated_calls"] = 3;
        var created = await CreateAsync(admin, body);
        var id = created.GetProperty("id").GetInt64();
        var key = await IngestionSteps.CreateKeyAsync(app);

        var progress = new List<JsonElement>();
        foreach (var rating in new[] { 5, 2, 4 })
        {
            var e = IngestionSteps.Event("agent-11", rating: rating, occurredAt: app.Now.AddSeconds(1));
            Assert.Equal(HttpStatusCode.OK, (await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, e)).StatusCode);
            progress.Add(await agent.GetFromJsonAsync<JsonElement>($"{Api}/challenges/{id}/progress"));
        }

        Assert.Equal(("satisfaction_rate", 60, 3), (created.GetProperty("objective").GetString(), created.GetProperty("target").GetInt32(), created.GetProperty("min_rated_calls").GetInt32()));
        // 1 of 2 = 50% over too few rated calls, then 2 of 3 = 66.66% (rounded down) over 3: at least 60%.
        Assert.Equal([(100m, 1, 1, false), (50m, 1, 2, false), (66.66m, 2, 3, true)], progress.Select(p => (
            p.GetProperty("progress").GetDecimal(), p.GetProperty("satisfied_calls").GetInt32(), p.GetProperty("rated_calls").GetInt32(), p.GetProperty("completed").GetBoolean())));
        Assert.Equal("satisfaction_rate", progress[^1].GetProperty("objective").GetString());
        Assert.Equal(100, progress[^1].GetProperty("progress_percent").GetInt32());
        var rewards = await agent.GetFromJsonAsync<JsonElement>($"{Api}/transactions?type=challenge_reward");
        Assert.Single(rewards.EnumerateArray(), t => t.GetProperty("points").GetInt64() == 45);
    }

    [Fact]
    public async Task A_leaderboard_rank_challenge_shows_the_callers_rank_as_the_daily_board_ranks_them_until_the_ranks_are_final()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent12@acme.test");
        var created = await CreateAsync(admin, NewChallenge(objective: "leaderboard_rank", target: 3, pointsReward: 200));
        var id = created.GetProperty("id").GetInt64();
        var key = await IngestionSteps.CreateKeyAsync(app);
        var e = IngestionSteps.Event("agent-12", occurredAt: app.Now.AddSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, e)).StatusCode);

        var progress = await agent.GetFromJsonAsync<JsonElement>($"{Api}/challenges/{id}/progress");
        var board = await agent.GetFromJsonAsync<JsonElement>($"{Api}/leaderboard?period=daily&limit=1");

        Assert.Equal(("leaderboard_rank", 3, 0), (created.GetProperty("objective").GetString(), created.GetProperty("target").GetInt32(), created.GetProperty("min_rated_calls").GetInt32()));
        // A daily challenge created today ranks today's points: the daily board's rank.
        var rank = board.GetProperty("user_rank").GetProperty("rank").GetInt32();
        Assert.Equal(rank, progress.GetProperty("rank").GetInt32());
        Assert.Equal(rank, progress.GetProperty("progress").GetDecimal());
        Assert.True(progress.GetProperty("ranked_people").GetInt32() >= rank);
        Assert.False(progress.GetProperty("completed").GetBoolean());
        // Final 48 hours after the window closes at the next local midnight in New York.
        var today = await LocalTodayAsync(DemoSeeder.AcmeName);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var closes = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        Assert.Equal(closes.AddHours(48), progress.GetProperty("ranks_final_at").GetDateTimeOffset());
        Assert.Equal(0, await app.WithDbAsync(db => db.UserChallenges.IgnoreQueryFilters().CountAsync(r => r.ChallengeId == id)));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("2030-06-10", null)]
    [InlineData("2030-06-10", "2030-06-01")]
    public async Task A_special_challenge_needs_a_start_and_an_end_not_before_it(string? start, string? end)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var body = NewChallenge("special");
        body["start_day"] = start;
        body["end_day"] = end;
        var before = await ChallengeCountAsync();

        var response = await admin.PostAsJsonAsync($"{Api}/admin/challenges", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await IngestionSteps.ProblemAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("start_day", out _) || errors.TryGetProperty("end_day", out _), errors.ToString());
        Assert.Equal(before, await ChallengeCountAsync());
    }

    [Fact]
    public async Task A_badge_reward_of_another_tenant_is_refused_and_nothing_is_stored()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var globex = await app.TenantIdAsync(DemoSeeder.GlobexName);
        var globexBadge = await app.WithDbAsync(db => db.Badges.IgnoreQueryFilters().Where(b => b.TenantId == globex).Select(b => b.Id).FirstAsync());
        var body = NewChallenge();
        body["badge_reward_id"] = globexBadge;
        var before = await ChallengeCountAsync();

        var response = await admin.PostAsJsonAsync($"{Api}/admin/challenges", body);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
        await IngestionSteps.ProblemAsync(response);
        Assert.Equal(before, await ChallengeCountAsync());
    }

    [Fact]
    public async Task A_badge_reward_of_the_tenant_is_named_in_the_challenge()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var badge = await app.WithDbAsync(db => db.Badges.IgnoreQueryFilters().Where(b => b.TenantId == acme && b.Code == "mentor").Select(b => new { b.Id, b.Name }).SingleAsync());
        var body = NewChallenge("weekly", "perfect_calls", 3);
        body["badge_reward_id"] = badge.Id;

        var created = await CreateAsync(admin, body);

        Assert.Equal(badge.Id, created.GetProperty("badge_reward_id").GetInt64());
        Assert.Equal(badge.Name, created.GetProperty("badge_reward_name").GetString());
    }

    [Fact]
    public async Task A_bad_include_ended_is_a_400_problem()
    {
        await IngestionSteps.AssertGetRefusedAsync(app, "admin@acme.test", $"{Api}/admin/challenges?include_ended=sometimes", "include_ended");
    }

    [Fact]
    public async Task Another_tenants_challenge_is_404_and_stays_as_it_was()
    {
        var acmeChallenge = await ChallengeIdAsync(DemoSeeder.AcmeName, "Call Blitz");
        var globexAdmin = await app.ClientForAsync("admin@globex.test");
        var globexAgent = await app.ClientForAsync("agent01@globex.test");

        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.GetAsync($"{Api}/admin/challenges/{acmeChallenge}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.PutAsJsonAsync($"{Api}/admin/challenges/{acmeChallenge}", NewChallenge())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.PostAsync($"{Api}/admin/challenges/{acmeChallenge}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAgent.GetAsync($"{Api}/challenges/{acmeChallenge}/progress")).StatusCode);
        Assert.DoesNotContain((await globexAgent.GetFromJsonAsync<JsonElement>($"{Api}/challenges")).EnumerateArray(), c => c.GetProperty("challenge_id").GetInt64() == acmeChallenge);

        var stored = await app.WithDbAsync(db => db.Challenges.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == acmeChallenge));
        Assert.True(stored.IsActive);
        Assert.Equal("Call Blitz", stored.Name);
        Assert.Equal(50, stored.ObjectiveTarget);
    }

    [Theory]
    [InlineData("agent01@acme.test")]
    [InlineData("supervisor@acme.test")]
    public async Task Only_an_admin_manages_challenges(string email)
    {
        var client = await app.ClientForAsync(email);
        var id = await ChallengeIdAsync(DemoSeeder.AcmeName, "Deal Week");
        var before = await ChallengeCountAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/admin/challenges")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/admin/challenges/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/admin/challenges", NewChallenge())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"{Api}/admin/challenges/{id}", NewChallenge())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Api}/admin/challenges/{id}/end", null)).StatusCode);
        Assert.Equal(before, await ChallengeCountAsync());
        Assert.True(await app.WithDbAsync(db => db.Challenges.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.IsActive).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Api}/challenges/{id}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{Api}/challenges")).StatusCode);
    }

    [Fact]
    public async Task The_profile_includes_earned_badges_and_active_challenges()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent14@acme.test");
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var mentor = await app.WithDbAsync(db => db.Badges.IgnoreQueryFilters().Where(b => b.TenantId == acme && b.Code == "helpful_teammate").Select(b => b.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"{Api}/badges/{mentor}/award",
            new { user_id = await app.UserIdAsync("agent14@acme.test"), reason = "Covered a colleague's calls" })).StatusCode);

        var profile = await agent.GetFromJsonAsync<JsonElement>($"{Api}/profile");
        var challenges = await agent.GetFromJsonAsync<JsonElement>($"{Api}/challenges");

        Assert.Equal("agent-14", profile.GetProperty("user").GetProperty("external_id").GetString());
        Assert.True(profile.TryGetProperty("points", out _));
        var badge = Assert.Single(profile.GetProperty("badges").EnumerateArray());
        Assert.Equal(mentor, badge.GetProperty("badge_id").GetInt64());
        Assert.Equal("Covered a colleague's calls", badge.GetProperty("reason").GetString());
        Assert.True(badge.TryGetProperty("earned_date", out _));
        var active = profile.GetProperty("active_challenges");
        Assert.True(active.GetArrayLength() > 0);
        Assert.Equal(
            challenges.EnumerateArray().Select(c => c.GetProperty("challenge_id").GetInt64()).Order(),
            active.EnumerateArray().Select(c => c.GetProperty("challenge_id").GetInt64()).Order());
        Assert.All(active.EnumerateArray(), c =>
        {
            Assert.True(c.GetProperty("time_left_seconds").GetInt64() >= 0);
            Assert.True(c.TryGetProperty("window_start", out _));
            Assert.True(c.TryGetProperty("target", out _));
        });
    }
}
