using Gamification.Web.Api;

namespace Gamification.Tests.Api;

public sealed class AnalyticsApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification/analytics";

    /// <summary>The known dataset's two days (long past, so no other activity of the app falls on them).</summary>
    private static readonly DateOnly Day1 = new(2025, 3, 3);
    private static readonly DateOnly Day2 = new(2025, 3, 4);

    /// <summary>Agent 02's name in the dataset: a comma and a quote, to be quoted in CSV.</summary>
    private const string TrickyName = "O\"Neil, Pat";

    private Task<long> TeamOfAsync(string email) =>
        app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.TeamId!.Value).SingleAsync());

    private async Task RollUpAsync(Guid tenantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AnalyticsRollup>().RollUpTenantAsync(tenantId);
    }

    /// <summary>
    /// The known dataset in Acme, written once per app: on day 1 agent 01 makes two calls (30 + 20 points) and agent 02
    /// one (10); on day 2 agent 01 makes a call (40) and unlocks a badge (25). Agent 01 completes an easy challenge of
    /// day 1's window and agent 02 takes part without completing it. Then the tenant is rolled up as the job does.
    /// </summary>
    private async Task<(Guid Acme, string Agent1, string Agent2, long BadgeId, long ChallengeId)> DatasetAsync()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var agent1 = await app.UserIdAsync("agent01@acme.test");
        var agent2 = await app.UserIdAsync("agent02@acme.test");
        var (badgeId, challengeId) = await app.WithDbAsync(async db => (
            await db.Badges.IgnoreQueryFilters().Where(b => b.TenantId == acme).OrderBy(b => b.Id).Select(b => b.Id).FirstAsync(),
            await db.Challenges.IgnoreQueryFilters().Where(c => c.TenantId == acme && c.Difficulty == Core.Challenges.ChallengeDifficulty.Easy)
                .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()));
        var seeded = await app.WithDbAsync(db => db.ActivityEvents.IgnoreQueryFilters().AnyAsync(e => e.EventId == "analytics-seed-1"));
        if (seeded)
        {
            return (acme, agent1, agent2, badgeId, challengeId);
        }

        await app.WithDbAsync(async db =>
        {
            var seq = 0;
            void Activity(string userId, DateOnly day, int hour, long points)
            {
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
                seq++;
                db.ActivityEvents.Add(new ActivityEvent
                {
                    TenantId = acme,
                    EventId = $"analytics-seed-{seq}",
                    Type = ActivityType.CallCompleted,
                    UserId = userId,
                    AgentExternalId = "x",
                    OccurredAt = at,
                    LocalDate = day,
                    ReceivedAt = at,
                    PointsAwarded = points,
                });
                db.PointTransactions.Add(new PointTransaction
                {
                    TenantId = acme,
                    UserId = userId,
                    Type = TransactionType.Activity,
                    BasePoints = (int)points,
                    Points = points,
                    UncappedPoints = points,
                    Reason = "Call completed",
                    SourceType = TransactionSource.ActivityEvent,
                    CreatedAt = at,
                    LocalDate = day,
                });
            }
            Activity(agent1, Day1, 14, 30);
            Activity(agent1, Day1, 15, 20);
            Activity(agent2, Day1, 16, 10);
            Activity(agent1, Day2, 14, 40);
            var earned = new DateTimeOffset(Day2.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
            db.UserBadges.Add(new Core.Badges.UserBadge { TenantId = acme, UserId = agent1, BadgeId = badgeId, EarnedAt = earned });
            db.PointTransactions.Add(new PointTransaction
            {
                TenantId = acme,
                UserId = agent1,
                Type = TransactionType.BadgeReward,
                Points = 25,
                UncappedPoints = 25,
                Reason = "Badge",
                SourceType = TransactionSource.Badge,
                CreatedAt = earned,
                LocalDate = Day2,
            });
            void TookTheChallenge(string userId, int progress, DateTimeOffset? completedAt = null) =>
                db.UserChallenges.Add(new Core.Challenges.UserChallenge
                {
                    TenantId = acme,
                    UserId = userId,
                    ChallengeId = challengeId,
                    WindowStart = Day1,
                    WindowEnd = Day1,
                    Progress = progress,
                    Completed = completedAt is not null,
                    CompletedAt = completedAt,
                });
            TookTheChallenge(agent1, 5, completedAt: new DateTimeOffset(Day1.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero));
            TookTheChallenge(agent2, 2);
            var user2 = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == agent2);
            user2.DisplayName = TrickyName;
            return await db.SaveChangesAsync();
        }, acme);
        await RollUpAsync(acme);
        return (acme, agent1, agent2, badgeId, challengeId);
    }

    /// <summary>The known dataset written (<see cref="DatasetAsync"/>); Acme's supervisor's client.</summary>
    private async Task<HttpClient> SupervisorOverTheDatasetAsync()
    {
        await DatasetAsync();
        return await app.ClientForAsync("supervisor@acme.test");
    }

    private static string Range => $"from={Day1:yyyy-MM-dd}&to={Day2:yyyy-MM-dd}";

    [Fact]
    public async Task Engagement_adds_up_the_known_days_per_day_and_over_the_range()
    {
        var supervisor = await SupervisorOverTheDatasetAsync();

        var body = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/engagement?{Range}");

        Assert.Equal("2025-03-03", body.GetProperty("from").GetString());
        Assert.Equal("2025-03-04", body.GetProperty("to").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("team_id").ValueKind);
        Assert.Equal(24, body.GetProperty("people").GetInt32());
        var days = body.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(2, days.Count);
        // Day 1: both agents active, 30 + 20 + 10 points, 60 / 2 a head.
        Assert.Equal("2025-03-03", days[0].GetProperty("date").GetString());
        Assert.Equal(2, days[0].GetProperty("active_users").GetInt32());
        Assert.Equal(60, days[0].GetProperty("points_awarded").GetInt64());
        Assert.Equal(0, days[0].GetProperty("badge_unlocks").GetInt32());
        Assert.Equal(30.0, days[0].GetProperty("average_points_per_user").GetDouble());
        // Day 2: agent 01 alone, 40 activity + 25 badge reward, one badge.
        Assert.Equal(1, days[1].GetProperty("active_users").GetInt32());
        Assert.Equal(65, days[1].GetProperty("points_awarded").GetInt64());
        Assert.Equal(1, days[1].GetProperty("badge_unlocks").GetInt32());
        Assert.Equal(65.0, days[1].GetProperty("average_points_per_user").GetDouble());
        Assert.True(days[0].TryGetProperty("active_challenges", out _));
        // Totals: (2 + 1) / 2 days; 125 points; 125 / 3 active person-days = 41.7.
        Assert.Equal(1.5, body.GetProperty("average_daily_active_users").GetDouble());
        Assert.Equal(125, body.GetProperty("points_awarded").GetInt64());
        Assert.Equal(1, body.GetProperty("badge_unlocks").GetInt32());
        Assert.Equal(41.7, body.GetProperty("average_points_per_user_per_day").GetDouble());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("updated_at").ValueKind);

        // An admin of the tenant sees the same.
        var admin = await app.ClientForAsync("admin@acme.test");
        var asAdmin = await admin.GetFromJsonAsync<JsonElement>($"{Api}/engagement?{Range}");
        Assert.Equal(125, asAdmin.GetProperty("points_awarded").GetInt64());
    }

    [Fact]
    public async Task Date_and_team_filters_narrow_the_figures()
    {
        var supervisor = await SupervisorOverTheDatasetAsync();

        var dayTwo = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/engagement?from=2025-03-04&to=2025-03-04");
        Assert.Single(dayTwo.GetProperty("days").EnumerateArray());
        Assert.Equal(65, dayTwo.GetProperty("points_awarded").GetInt64());
        Assert.Equal(1.0, dayTwo.GetProperty("average_daily_active_users").GetDouble());

        // A quiet day before the range shows as zeros and lowers the daily average.
        var wider = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/engagement?from=2025-03-02&to=2025-03-04");
        var days = wider.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2025-03-02", "2025-03-03", "2025-03-04"], days.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal(0, days[0].GetProperty("active_users").GetInt32());
        Assert.Equal(0, days[0].GetProperty("points_awarded").GetInt64());
        Assert.Equal(1.0, wider.GetProperty("average_daily_active_users").GetDouble());

        // Agent 01's team: only their figures (agent 02 is in another team); 8 of the 24 agents are in it.
        var team1 = await TeamOfAsync("agent01@acme.test");
        Assert.NotEqual(team1, await TeamOfAsync("agent02@acme.test"));
        var team = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/engagement?{Range}&team_id={team1}");
        Assert.Equal(team1, team.GetProperty("team_id").GetInt64());
        Assert.Equal(8, team.GetProperty("people").GetInt32());
        var teamDays = team.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(1, teamDays[0].GetProperty("active_users").GetInt32());
        Assert.Equal(50, teamDays[0].GetProperty("points_awarded").GetInt64());
        Assert.Equal(115, team.GetProperty("points_awarded").GetInt64());

        var behavior = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/behavior?{Range}&team_id={team1}");
        var name1 = await NameAsync("agent01@acme.test");
        Assert.Equal([name1], behavior.GetProperty("top_earners").EnumerateArray().Select(e => e.GetProperty("label").GetString()));
        Assert.Equal(8, behavior.GetProperty("people").GetInt32());

        // A team that does not exist: 404.
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"{Api}/engagement?{Range}&team_id=987654")).StatusCode);
    }

    private Task<string> NameAsync(string email) =>
        app.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.DisplayName).SingleAsync());

    [Fact]
    public async Task Defaults_cover_the_last_30_tenant_days_and_include_todays_ingested_activity()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var key = await IngestionSteps.CreateKeyAsync(app);
        var ingested = await (await IngestionSteps.PostAsync(app.CreateClient(), IngestionSteps.EventsPath, key, IngestionSteps.Event("agent-05", rating: 5)))
            .Content.ReadFromJsonAsync<JsonElement>();
        // Agent 05 had nothing before: their balance is everything they were paid today (the call and its rewards).
        var paidToday = ingested.GetProperty("current_points").GetInt64();
        Assert.True(paidToday > 0);
        await RollUpAsync(acme);
        var today = TenantClock.For("America/New_York").LocalDay(app.Now);

        var supervisor = await app.ClientForAsync("supervisor@acme.test");
        var body = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/engagement");

        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body.GetProperty("to").GetString());
        Assert.Equal(today.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body.GetProperty("from").GetString());
        var days = body.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(30, days.Count);
        Assert.Equal(1, days[^1].GetProperty("active_users").GetInt32());
        Assert.Equal(paidToday, days[^1].GetProperty("points_awarded").GetInt64());

        // Only to: the 30 days up to it; only from: from it to today.
        var onlyTo = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/engagement?to=2025-03-04");
        Assert.Equal("2025-02-03", onlyTo.GetProperty("from").GetString());
        var onlyFrom = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/engagement?from={today.AddDays(-2):yyyy-MM-dd}");
        Assert.Equal(3, onlyFrom.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task Engagement_csv_has_a_row_per_day_and_is_an_attachment_named_after_the_range()
    {
        var supervisor = await SupervisorOverTheDatasetAsync();

        var response = await supervisor.GetAsync($"{Api}/engagement.csv?{Range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("engagement-2025-03-03-2025-03-04.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // a byte-order mark: spreadsheets read the names as UTF-8
        var csv = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.Equal(
            "date,active_users,points_awarded,active_challenges,badge_unlocks,average_points_per_user\r\n"
            + "2025-03-03,2,60,0,0,30\r\n"
            + "2025-03-04,1,65,0,1,65\r\n",
            csv);

        var team = await TeamOfAsync("agent01@acme.test");
        var teamCsv = await supervisor.GetAsync($"{Api}/engagement.csv?{Range}&team_id={team}");
        Assert.Equal($"engagement-team-{team}-2025-03-03-2025-03-04.csv", teamCsv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("2025-03-03,1,50,", await teamCsv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behavior_ranks_top_earners_and_measures_challenge_success_against_the_targets()
    {
        var (_, agent1, agent2, badgeId, _) = await DatasetAsync();
        var supervisor = await app.ClientForAsync("supervisor@acme.test");

        var body = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/behavior?{Range}");

        Assert.Equal("2025-03-03", body.GetProperty("from").GetString());
        Assert.Equal(24, body.GetProperty("people").GetInt32());
        var earners = body.GetProperty("top_earners").EnumerateArray().ToList();
        Assert.Equal([agent1, agent2], earners.Select(e => e.GetProperty("key").GetString()));
        Assert.Equal([115L, 10L], earners.Select(e => e.GetProperty("value").GetInt64()));
        Assert.Equal(TrickyName, earners[1].GetProperty("label").GetString());
        var badge = Assert.Single(body.GetProperty("most_earned_badges").EnumerateArray());
        Assert.Equal(badgeId.ToString(CultureInfo.InvariantCulture), badge.GetProperty("key").GetString());
        Assert.Equal(1, badge.GetProperty("value").GetInt64());

        var success = body.GetProperty("challenge_success").EnumerateArray().ToList();
        Assert.Equal(["easy", "medium", "hard"], success.Select(s => s.GetProperty("difficulty").GetString()));
        Assert.Equal(2, success[0].GetProperty("participants").GetInt32());
        Assert.Equal(1, success[0].GetProperty("completed").GetInt32());
        Assert.Equal(0.5, success[0].GetProperty("rate").GetDouble());
        Assert.Equal(0.5, success[0].GetProperty("target").GetDouble());
        Assert.Equal(0, success[1].GetProperty("participants").GetInt32());
        Assert.Equal(0.25, success[1].GetProperty("target").GetDouble());
        Assert.Equal(0.05, success[2].GetProperty("target").GetDouble());

        Assert.Equal(0, body.GetProperty("redeemers").GetInt32());
        Assert.Equal(0, body.GetProperty("redemption_rate").GetDouble());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("popular_rewards").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("levels").ValueKind);
        Assert.Equal(AnalyticsService.StreakBuckets.Count, body.GetProperty("streaks").GetArrayLength());
        Assert.Equal(24, body.GetProperty("streaks").EnumerateArray().Sum(s => s.GetProperty("value").GetInt64()));
        Assert.Equal(["2025-03-03", "2025-03-04"],
            body.GetProperty("leaderboard_views_per_day").EnumerateArray().Select(v => v.GetProperty("key").GetString()));
        Assert.True(body.TryGetProperty("leaderboard_views_per_active_user_per_day", out _));
    }

    [Fact]
    public async Task Behavior_csv_writes_each_chart_as_a_table_and_quotes_names()
    {
        var (_, agent1, agent2, _, _) = await DatasetAsync();
        var supervisor = await app.ClientForAsync("supervisor@acme.test");
        var name1 = await NameAsync("agent01@acme.test");

        var response = await supervisor.GetAsync($"{Api}/behavior.csv?chart=top_earners&{Range}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("behavior-top_earners-2025-03-03-2025-03-04.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(
            "rank,user_id,display_name,points\r\n"
            + $"1,{agent1},{name1},115\r\n"
            + $"2,{agent2},\"O\"\"Neil, Pat\",10\r\n",
            await response.Content.ReadAsStringAsync());

        var challenges = await supervisor.GetStringAsync($"{Api}/behavior.csv?chart=challenges&{Range}");
        Assert.Equal(
            "difficulty,participants,completed,rate,target\r\n"
            + "easy,2,1,0.5,0.5\r\n"
            + "medium,0,0,0,0.25\r\n"
            + "hard,0,0,0,0.05\r\n",
            challenges);

        foreach (var chart in AnalyticsCsv.Charts)
        {
            var one = await supervisor.GetAsync($"{Api}/behavior.csv?chart={chart}&{Range}");
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            var lines = (await one.Content.ReadAsStringAsync()).Split("\r\n");
            Assert.Equal("", lines[^1]);
            Assert.DoesNotContain(' ', lines[0]);
        }
        var views = await supervisor.GetStringAsync($"{Api}/behavior.csv?chart=leaderboard_views&{Range}");
        Assert.Equal("date,views\r\n2025-03-03,0\r\n2025-03-04,0\r\n", views);
    }

    [Fact]
    public async Task Behavior_has_the_badge_unlocking_rate_and_the_share_of_people_holding_each_badge_also_as_csv()
    {
        var (acme, _, _, _, _) = await DatasetAsync();
        // A badge of this test, held by agents 02-05 and the supervisor (not an agent), earned long before any range here.
        var holders = new[] { "agent02@acme.test", "agent03@acme.test", "agent04@acme.test", "agent05@acme.test", "supervisor@acme.test" };
        var holderIds = new List<string>();
        foreach (var email in holders)
        {
            holderIds.Add(await app.UserIdAsync(email));
        }
        var probe = await app.WithDbAsync(async db =>
        {
            var badge = new Core.Badges.Badge
            {
                TenantId = acme,
                Code = "unlock_rate_probe",
                Name = "Unlock rate probe",
                Category = Core.Badges.BadgeCategory.Social,
                Rarity = Core.Badges.BadgeRarity.Epic,
                RequirementType = Core.Badges.BadgeRequirement.Manual,
                Icon = "star",
                IsActive = true,
                CreatedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            };
            db.Badges.Add(badge);
            await db.SaveChangesAsync();
            db.UserBadges.AddRange(holderIds.Select(id => new Core.Badges.UserBadge
            {
                TenantId = acme,
                UserId = id,
                BadgeId = badge.Id,
                EarnedAt = new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero),
            }));
            await db.SaveChangesAsync();
            return badge.Id;
        }, acme);
        var supervisor = await app.ClientForAsync("supervisor@acme.test");

        var body = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/behavior?{Range}");

        // One badge unlocked (day 2) over 3 active person-days (2 on day 1, 1 on day 2).
        Assert.Equal(1, body.GetProperty("badge_unlocks").GetInt32());
        Assert.Equal(0.333, body.GetProperty("badge_unlocks_per_active_user_per_day").GetDouble());
        Assert.Equal(
            [("2025-03-03", 2, 0, 0.0), ("2025-03-04", 1, 1, 1.0)],
            body.GetProperty("badge_unlocks_per_day").EnumerateArray().Select(d => (d.GetProperty("date").GetString(), d.GetProperty("active_users").GetInt32(),
                d.GetProperty("unlocks").GetInt32(), d.GetProperty("unlocks_per_active_user").GetDouble())));
        // Four of the 24 agents hold the probe (the supervisor is not an agent).
        var badges = body.GetProperty("badge_holders").EnumerateArray().ToList();
        var held = Assert.Single(badges, b => b.GetProperty("badge_id").GetInt64() == probe);
        Assert.Equal("Unlock rate probe", held.GetProperty("name").GetString());
        Assert.Equal("social", held.GetProperty("category").GetString());
        Assert.Equal("epic", held.GetProperty("rarity").GetString());
        Assert.Equal(4, held.GetProperty("holders").GetInt32());
        Assert.Equal(0.167, held.GetProperty("share").GetDouble());
        var counts = badges.Select(b => b.GetProperty("holders").GetInt32()).ToList();
        Assert.Equal(counts.OrderDescending(), counts);

        // Agent 01's team: of the holders only agent 04 is in it, one of its 8 agents.
        var team = await TeamOfAsync("agent01@acme.test");
        var inTeam = await Task.WhenAll(holders[..4].Select(async e => await TeamOfAsync(e) == team));
        Assert.Equal([false, false, true, false], inTeam);
        var teamBody = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/behavior?{Range}&team_id={team}");
        var teamHeld = Assert.Single(teamBody.GetProperty("badge_holders").EnumerateArray(), b => b.GetProperty("badge_id").GetInt64() == probe);
        Assert.Equal((1, 0.125), (teamHeld.GetProperty("holders").GetInt32(), teamHeld.GetProperty("share").GetDouble()));
        // Agent 01, in the team, unlocked the day-2 badge and was the team's only active person both days.
        Assert.Equal(0.5, teamBody.GetProperty("badge_unlocks_per_active_user_per_day").GetDouble());

        var unlocksCsv = await supervisor.GetAsync($"{Api}/behavior.csv?chart=badge_unlocks&{Range}");
        Assert.Equal(HttpStatusCode.OK, unlocksCsv.StatusCode);
        Assert.Equal("behavior-badge_unlocks-2025-03-03-2025-03-04.csv", unlocksCsv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(
            "date,active_users,badge_unlocks,unlocks_per_active_user\r\n"
            + "2025-03-03,2,0,0\r\n"
            + "2025-03-04,1,1,1\r\n",
            await unlocksCsv.Content.ReadAsStringAsync());
        var holdersCsv = (await supervisor.GetStringAsync($"{Api}/behavior.csv?chart=badge_holders&{Range}")).Split("\r\n");
        Assert.Equal("badge_id,badge,category,rarity,holders,share", holdersCsv[0]);
        Assert.Contains($"{probe},Unlock rate probe,social,epic,4,0.167", holdersCsv);
    }

    [Fact]
    public async Task Leaderboard_reads_by_agents_are_counted_per_day()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var agent = await app.ClientForAsync("agent07@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/gamification/leaderboard?period=weekly")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/api/v1/gamification/leaderboard?period=daily")).StatusCode);
        // A supervisor watching the board is not agent engagement, and a refused read is not a view.
        var supervisor = await app.ClientForAsync("supervisor@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/api/v1/gamification/leaderboard")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/api/v1/gamification/leaderboard?period=yearly")).StatusCode);
        var agent7 = await app.UserIdAsync("agent07@acme.test");
        Assert.Equal(2, await app.WithDbAsync(db => db.LeaderboardViews.IgnoreQueryFilters().Where(v => v.UserId == agent7).SumAsync(v => v.Views)));
        var supervisorId = await app.UserIdAsync("supervisor@acme.test");
        Assert.False(await app.WithDbAsync(db => db.LeaderboardViews.IgnoreQueryFilters().AnyAsync(v => v.UserId == supervisorId)));

        await RollUpAsync(acme);
        var body = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/behavior");
        Assert.Equal(2, body.GetProperty("leaderboard_views_per_day").EnumerateArray().Last().GetProperty("value").GetInt64());
    }

    [Fact]
    public async Task Agents_are_refused_every_analytics_endpoint()
    {
        var agent = await app.ClientForAsync("agent10@acme.test");
        foreach (var path in new[] { "engagement", "behavior", "engagement.csv", "behavior.csv?chart=streaks", "farming-flags", "farming-flags/1" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"{Api}/{path}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync($"{Api}/farming-flags/1/dismiss", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync($"{Api}/farming-flags/1/confirm", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{Api}/engagement")).StatusCode);
    }

    [Theory]
    [InlineData("engagement?from=2025-13-01", "from")]
    [InlineData("engagement?from=03/03/2025", "from")]
    [InlineData("engagement?to=yesterday", "to")]
    [InlineData("engagement?from=2025-03-04&to=2025-03-03", "to")]
    [InlineData("engagement?from=2024-01-01&to=2025-03-03", "from")]
    [InlineData("engagement?team_id=x", "team_id")]
    [InlineData("engagement?team_id=-3", "team_id")]
    [InlineData("behavior?from=2025-3-3", "from")]
    [InlineData("behavior?team_id=1.5", "team_id")]
    [InlineData("engagement.csv?to=2025-02-30", "to")]
    [InlineData("behavior.csv?chart=pie", "chart")]
    [InlineData("behavior.csv", "chart")]
    [InlineData("behavior.csv?chart=TOP_EARNERS", "chart")]
    [InlineData("behavior.csv?chart=streaks&team_id=abc", "team_id")]
    [InlineData("farming-flags?status=closed", "status")]
    public async Task Bad_queries_are_a_400_problem_naming_the_field(string query, string field)
    {
        await IngestionSteps.AssertGetRefusedAsync(app, "supervisor@acme.test", $"{Api}/{query}", field);
    }

    [Fact]
    public async Task Another_tenants_figures_teams_and_flags_are_never_seen()
    {
        var (acme, agent1, _, _, _) = await DatasetAsync();
        var acmeFlag = await app.AddFlagAsync(acme, agent1, FarmingKind.Bursts);
        var globex = await app.ClientForAsync("supervisor@globex.test");

        var body = await globex.GetFromJsonAsync<JsonElement>($"{Api}/engagement?{Range}");
        Assert.Equal(6, body.GetProperty("people").GetInt32());
        Assert.Equal(0, body.GetProperty("points_awarded").GetInt64());
        Assert.All(body.GetProperty("days").EnumerateArray(), d => Assert.Equal(0, d.GetProperty("active_users").GetInt32()));
        var behavior = await globex.GetFromJsonAsync<JsonElement>($"{Api}/behavior?{Range}");
        Assert.Empty(behavior.GetProperty("top_earners").EnumerateArray());
        Assert.Empty(behavior.GetProperty("most_earned_badges").EnumerateArray());
        Assert.DoesNotContain(agent1, await globex.GetStringAsync($"{Api}/behavior.csv?chart=top_earners&{Range}"), StringComparison.Ordinal);

        var acmeTeam = await TeamOfAsync("agent01@acme.test");
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"{Api}/engagement?{Range}&team_id={acmeTeam}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"{Api}/behavior.csv?chart=levels&team_id={acmeTeam}")).StatusCode);

        var flags = await globex.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags?status=all");
        Assert.DoesNotContain(flags.EnumerateArray(), f => f.GetProperty("id").GetInt64() == acmeFlag);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"{Api}/farming-flags/{acmeFlag}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PostAsJsonAsync($"{Api}/farming-flags/{acmeFlag}/dismiss", new { note = "not mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PostAsJsonAsync($"{Api}/farming-flags/{acmeFlag}/confirm", new { })).StatusCode);
        Assert.Equal(FarmingFlagStatus.Open, await StatusOfAsync(acmeFlag));
    }

    [Fact]
    public async Task A_supervisor_dismisses_or_confirms_an_open_flag_once()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var agent3 = await app.UserIdAsync("agent03@acme.test");
        var supervisorId = await app.UserIdAsync("supervisor@acme.test");
        var shortCalls = await app.AddFlagAsync(acme, agent3, FarmingKind.ShortCalls);
        var earlyCap = await app.AddFlagAsync(acme, agent3, FarmingKind.EarlyCap);
        var supervisor = await app.ClientForAsync("supervisor@acme.test");

        var open = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags");
        var listed = open.EnumerateArray().Single(f => f.GetProperty("id").GetInt64() == shortCalls);
        Assert.Equal(agent3, listed.GetProperty("user_id").GetString());
        Assert.Equal(await NameAsync("agent03@acme.test"), listed.GetProperty("display_name").GetString());
        Assert.Equal("short_calls", listed.GetProperty("kind").GetString());
        Assert.Equal("open", listed.GetProperty("status").GetString());
        Assert.Equal(0.8, listed.GetProperty("score").GetDouble());
        Assert.Equal("2025-03-01", listed.GetProperty("window_start").GetString());
        Assert.Equal("2025-03-05", listed.GetProperty("window_end").GetString());
        Assert.Equal(12, listed.GetProperty("data").GetProperty("short_calls").GetInt32());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("note").ValueKind);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("revoke_url").ValueKind);
        foreach (var field in new[] { "evidence", "detected_at" })
        {
            Assert.True(listed.TryGetProperty(field, out _), field);
        }
        Assert.Contains(open.EnumerateArray(), f => f.GetProperty("kind").GetString() == "early_cap");

        // Dismiss with a note: closed for good.
        var dismissed = await supervisor.PostAsJsonAsync($"{Api}/farming-flags/{shortCalls}/dismiss", new { note = "  Outbound survey campaign  " });
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        var d = await dismissed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("dismissed", d.GetProperty("status").GetString());
        Assert.Equal("Outbound survey campaign", d.GetProperty("note").GetString());
        Assert.Equal(supervisorId, d.GetProperty("decided_by_user_id").GetString());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("revoke_url").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"{Api}/farming-flags/{shortCalls}/dismiss", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsync($"{Api}/farming-flags/{shortCalls}/confirm", null)).StatusCode);
        Assert.Equal(FarmingFlagStatus.Dismissed, await StatusOfAsync(shortCalls));

        // A note too long: 400, nothing decided.
        var tooLong = await supervisor.PostAsJsonAsync($"{Api}/farming-flags/{earlyCap}/confirm", new { note = new string('x', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await IngestionSteps.ProblemAsync(tooLong)).GetProperty("errors").TryGetProperty("note", out _));
        Assert.Equal(FarmingFlagStatus.Open, await StatusOfAsync(earlyCap));

        // Confirm without a body: points at the admin revocation.
        var admin = await app.ClientForAsync("admin@acme.test");
        var confirmed = await admin.PostAsync($"{Api}/farming-flags/{earlyCap}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var c = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("confirmed", c.GetProperty("status").GetString());
        Assert.Equal("/api/v1/gamification/points/revoke", c.GetProperty("revoke_url").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{Api}/farming-flags/{earlyCap}/dismiss", null)).StatusCode);

        // The lists by status.
        var stillOpen = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags?status=open");
        Assert.DoesNotContain(stillOpen.EnumerateArray(), f => f.GetProperty("id").GetInt64() is var id && (id == shortCalls || id == earlyCap));
        var confirmedList = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags?status=confirmed");
        Assert.Contains(confirmedList.EnumerateArray(), f => f.GetProperty("id").GetInt64() == earlyCap);
        Assert.All(confirmedList.EnumerateArray(), f => Assert.Equal("confirmed", f.GetProperty("status").GetString()));
        var all = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags?status=all");
        Assert.Contains(all.EnumerateArray(), f => f.GetProperty("id").GetInt64() == shortCalls);
        Assert.Contains(all.EnumerateArray(), f => f.GetProperty("id").GetInt64() == earlyCap);

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsync($"{Api}/farming-flags/987654321/dismiss", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"{Api}/farming-flags/987654321")).StatusCode);
    }

    [Fact]
    public void Csv_quotes_what_it_must_and_writes_numbers_the_same_in_every_culture()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var csv = Csv.Write(
                new[] { ("Plain", 41.7, new DateOnly(2026, 11, 1)), ("Line\nbreak", 1234567.5, new DateOnly(2026, 11, 2)), ("=SUM(A1)", -2.0, new DateOnly(2026, 11, 3)) },
                ("name", r => r.Item1), ("value", r => r.Item2), ("day", r => r.Item3), ("kind", r => FarmingKind.ConcentratedFeedback));
            Assert.Equal(
                "name,value,day,kind\r\n"
                + "Plain,41.7,2026-11-01,concentrated_feedback\r\n"
                + "\"Line\nbreak\",1234567.5,2026-11-02,concentrated_feedback\r\n"
                + "'=SUM(A1),-2,2026-11-03,concentrated_feedback\r\n",
                csv);
            Assert.Equal("\" padded\"", Csv.Field(" padded"));
            Assert.Equal("", Csv.Field(null));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task An_admin_changes_the_tenants_farming_thresholds_and_the_other_tenant_keeps_its_own()
    {
        var admin = await app.ClientForAsync("admin@globex.test");
        var supervisor = await app.ClientForAsync("supervisor@globex.test");
        var acme = await app.ClientForAsync("supervisor@acme.test");
        try
        {
            var initial = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-thresholds");
            Assert.Equal(8, initial.GetProperty("values").GetProperty("burst_events").GetDouble());
            Assert.Equal(8, initial.GetProperty("defaults").GetProperty("burst_events").GetDouble());
            Assert.Empty(initial.GetProperty("customized").EnumerateArray());
            var field = initial.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "short_calls_min_share");
            Assert.Equal(("short_calls", "share", false), (field.GetProperty("kind").GetString(), field.GetProperty("unit").GetString(), field.GetProperty("whole").GetBoolean()));
            Assert.Equal(FarmingThresholds.Fields.Count, initial.GetProperty("fields").GetArrayLength());

            var put = await admin.PutAsJsonAsync($"{Api}/farming-thresholds", new { burst_events = 12, short_calls_min_share = 0.55 });
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var saved = await put.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(12, saved.GetProperty("values").GetProperty("burst_events").GetDouble());
            Assert.Equal(["burst_events", "short_calls_min_share"], saved.GetProperty("customized").EnumerateArray().Select(x => x.GetString()).Order(StringComparer.Ordinal));

            var read = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-thresholds");
            Assert.Equal(0.55, read.GetProperty("values").GetProperty("short_calls_min_share").GetDouble());
            var acmeRead = await acme.GetFromJsonAsync<JsonElement>($"{Api}/farming-thresholds");
            Assert.Equal(8, acmeRead.GetProperty("values").GetProperty("burst_events").GetDouble());

            // null puts one field back to its default.
            var back = await admin.PutAsync($"{Api}/farming-thresholds",
                new StringContent("""{"burst_events": null}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
            var afterBack = await back.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(8, afterBack.GetProperty("values").GetProperty("burst_events").GetDouble());
            Assert.Equal(["short_calls_min_share"], afterBack.GetProperty("customized").EnumerateArray().Select(x => x.GetString()));

            var reset = await admin.PostAsync($"{Api}/farming-thresholds/reset", null);
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
            Assert.Empty((await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customized").EnumerateArray());
        }
        finally
        {
            await admin.PostAsync($"{Api}/farming-thresholds/reset", null);
        }
    }

    [Theory]
    [InlineData("""{"burst_events": 1}""", "burst_events")]
    [InlineData("""{"burst_events": "ten"}""", "burst_events")]
    [InlineData("""{"burst_events": 9.5}""", "burst_events")]
    [InlineData("""{"short_calls_min_share": 40}""", "short_calls_min_share")]
    [InlineData("""{"jump_history_days": 3}""", "jump_min_prior_days")]
    [InlineData("""{"burst_events": 10, "speed_limit": 3}""", "speed_limit")]
    [InlineData("""{"burst_events": 1, "speed_limit": 3}""", "burst_events")]
    [InlineData("""[8]""", "body")]
    public async Task A_bad_threshold_is_a_400_problem_naming_the_field_and_changes_nothing(string body, string field)
    {
        var admin = await app.ClientForAsync("admin@globex.test");
        var before = await admin.GetStringAsync($"{Api}/farming-thresholds");

        var response = await admin.PutAsync($"{Api}/farming-thresholds", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await IngestionSteps.AssertFieldErrorAsync(response, field);
        Assert.Equal(before, await admin.GetStringAsync($"{Api}/farming-thresholds"));
    }

    [Fact]
    public async Task Only_admins_change_thresholds_and_agents_see_none()
    {
        var supervisor = await app.ClientForAsync("supervisor@globex.test");
        var agent = await app.ClientForAsync("agent01@globex.test");

        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PutAsJsonAsync($"{Api}/farming-thresholds", new { burst_events = 12 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"{Api}/farming-thresholds/reset", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"{Api}/farming-thresholds")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"{Api}/farming-flags/detect", null)).StatusCode);
        var read = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-thresholds");
        Assert.Equal(8, read.GetProperty("values").GetProperty("burst_events").GetDouble());
    }

    [Fact]
    public async Task Check_now_flags_a_burst_recorded_through_the_api_in_the_callers_tenant_only()
    {
        var globex = await app.TenantIdAsync(DemoSeeder.GlobexName);
        var agent = await app.UserIdAsync("agent06@globex.test");
        async Task BurstAsync(DateTimeOffset start)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var ingestion = scope.ServiceProvider.GetRequiredService<Core.Integration.EventIngestion>();
            for (var k = 0; k < 10; k++)
            {
                await ingestion.IngestAsync(globex, new Core.Integration.IncomingEvent(
                    $"burst-api-{Guid.NewGuid():N}", ActivityType.CallCompleted, "agent-06", start.AddSeconds(5 * k), DurationSeconds: 200), CancellationToken.None);
            }
        }
        await BurstAsync(app.Now.AddMinutes(-5));
        var acme = await app.ClientForAsync("supervisor@acme.test");
        var acmeOpenBefore = (await acme.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags")).GetArrayLength();
        var supervisor = await app.ClientForAsync("supervisor@globex.test");

        var response = await supervisor.PostAsync($"{Api}/farming-flags/detect", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("open_flags").GetInt32() >= 1);
        var flags = await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags");
        var flag = flags.EnumerateArray().Single(f => f.GetProperty("user_id").GetString() == agent && f.GetProperty("kind").GetString() == "bursts");
        Assert.Contains("of 8 or more calls and conversions within 2 min", flag.GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.Equal(acmeOpenBefore, (await acme.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags")).GetArrayLength());

        // Running it again finds nothing new and nothing changed.
        var again = await (await supervisor.PostAsync($"{Api}/farming-flags/detect", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 0), (again.GetProperty("new_flags").GetInt32(), again.GetProperty("updated_flags").GetInt32()));

        // A second burst: the open flag grows (updated, not doubled).
        await BurstAsync(app.Now.AddMinutes(-2));
        var grown = await (await supervisor.PostAsync($"{Api}/farming-flags/detect", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 1), (grown.GetProperty("new_flags").GetInt32(), grown.GetProperty("updated_flags").GetInt32()));
        Assert.Single((await supervisor.GetFromJsonAsync<JsonElement>($"{Api}/farming-flags")).EnumerateArray(),
            f => f.GetProperty("user_id").GetString() == agent && f.GetProperty("kind").GetString() == "bursts");
    }

    private Task<FarmingFlagStatus> StatusOfAsync(long id) =>
        app.WithDbAsync(db => db.FarmingFlags.IgnoreQueryFilters().Where(f => f.Id == id).Select(f => f.Status).SingleAsync());
}
