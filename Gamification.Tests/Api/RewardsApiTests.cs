namespace Gamification.Tests.Api;

public sealed partial class RewardsApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";

    private static readonly long[] SomeIds = [1];

    [GeneratedRegex("^RWD-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")]
    private static partial Regex CodePattern();

    private Task<int> RewardCountAsync() => app.WithDbAsync(db => db.RewardItems.IgnoreQueryFilters().CountAsync());

    private Task<int> StockAsync(long rewardId) =>
        app.WithDbAsync(db => db.RewardItems.IgnoreQueryFilters().Where(r => r.Id == rewardId).Select(r => r.Stock).SingleAsync());

    /// <summary>What a refused request must leave alone: the person's balances, redemptions and ledger.</summary>
    private Task<(long Current, long Lifetime, int Redemptions, int Transactions)> StateOfAsync(string userId) =>
        app.WithDbAsync(async db => (
            await db.UserPoints.IgnoreQueryFilters().Where(p => p.UserId == userId).Select(p => p.CurrentPoints).SingleOrDefaultAsync(),
            await db.UserPoints.IgnoreQueryFilters().Where(p => p.UserId == userId).Select(p => p.LifetimePoints).SingleOrDefaultAsync(),
            await db.UserRedemptions.IgnoreQueryFilters().CountAsync(r => r.UserId == userId),
            await db.PointTransactions.IgnoreQueryFilters().CountAsync(t => t.UserId == userId)));

    private static Dictionary<string, object?> NewReward(int pointsCost = 100, int stock = -1, bool requiresApproval = false) => new()
    {
        ["name"] = $"Test reward {Guid.NewGuid():n}"[..24],
        ["description"] = "Made by a test.",
        ["image_url"] = "https://example.test/reward.png",
        ["category"] = "digital",
        ["points_cost"] = pointsCost,
        ["stock"] = stock,
        ["featured"] = false,
        ["requires_approval"] = requiresApproval,
        ["code_validity_days"] = 10,
        ["redemption_details"] = "Use SWAG-{code} at the store",
        ["per_agent_limit"] = null,
        ["limit_period"] = "ever",
    };

    private static async Task<JsonElement> CreateRewardAsync(HttpClient admin, Dictionary<string, object?> body)
    {
        var response = await admin.PostAsJsonAsync($"{Api}/admin/rewards", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<long> CreateRewardIdAsync(HttpClient admin, Dictionary<string, object?> body) =>
        (await CreateRewardAsync(admin, body)).GetProperty("id").GetInt64();

    /// <summary>The admin awards the person points; answers their points summary afterwards.</summary>
    private async Task<JsonElement> GivePointsAsync(HttpClient admin, HttpClient agent, string email, long points)
    {
        var response = await admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = await app.UserIdAsync(email), points, reason = "Shop money" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await PointsAsync(agent);
    }

    private static Task<JsonElement> PointsAsync(HttpClient client) => client.GetFromJsonAsync<JsonElement>($"{Api}/points");

    private static async Task<JsonElement> RedeemAsync(HttpClient agent, long rewardId, int? quantity = null)
    {
        var response = await agent.PostAsJsonAsync($"{Api}/redeem", quantity is null ? new { reward_id = rewardId } : (object)new { reward_id = rewardId, quantity });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Item(JsonElement shop, long rewardId) =>
        Assert.Single(shop.EnumerateArray(), i => i.GetProperty("id").GetInt64() == rewardId);

    [Fact]
    public async Task The_shop_shows_each_active_reward_with_whether_the_caller_can_afford_it()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent05@acme.test");
        var current = (await GivePointsAsync(admin, agent, "agent05@acme.test", 300)).GetProperty("current_points").GetInt64();
        var cheapBody = NewReward((int)current);
        cheapBody["featured"] = true;
        cheapBody["category"] = "experience";
        var cheap = await CreateRewardIdAsync(admin, cheapBody);
        var pricey = await CreateRewardIdAsync(admin, NewReward((int)current + 120));
        var soldOut = await CreateRewardIdAsync(admin, NewReward(1, stock: 0));
        var hidden = await CreateRewardIdAsync(admin, NewReward(1));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Api}/admin/rewards/{hidden}/deactivate", null)).StatusCode);

        var shop = await agent.GetFromJsonAsync<JsonElement>($"{Api}/rewards");

        Assert.Equal(current, (await PointsAsync(agent)).GetProperty("current_points").GetInt64());
        var affordable = Item(shop, cheap);
        Assert.True(affordable.GetProperty("affordable").GetBoolean());
        Assert.Equal(0, affordable.GetProperty("points_short").GetInt64());
        Assert.True(affordable.GetProperty("can_redeem").GetBoolean());
        Assert.Equal(JsonValueKind.Null, affordable.GetProperty("blocker").ValueKind);
        Assert.Equal(current, affordable.GetProperty("points_cost").GetInt64());
        Assert.Equal(current, affordable.GetProperty("cost").GetInt64());
        Assert.Equal("experience", affordable.GetProperty("category").GetString());
        Assert.True(affordable.GetProperty("featured").GetBoolean());
        Assert.Equal(-1, affordable.GetProperty("stock").GetInt32());
        Assert.True(affordable.GetProperty("in_stock").GetBoolean());
        Assert.Equal(JsonValueKind.Null, affordable.GetProperty("remaining_for_agent").ValueKind);
        Assert.Equal("https://example.test/reward.png", affordable.GetProperty("image_url").GetString());
        Assert.Equal(10, affordable.GetProperty("code_validity_days").GetInt32());
        Assert.Equal("ever", affordable.GetProperty("limit_period").GetString());
        Assert.False(affordable.TryGetProperty("redemption_details", out _));
        var tooDear = Item(shop, pricey);
        Assert.False(tooDear.GetProperty("affordable").GetBoolean());
        Assert.Equal(120, tooDear.GetProperty("points_short").GetInt64());
        Assert.False(tooDear.GetProperty("can_redeem").GetBoolean());
        Assert.Equal("You need 120 more points", tooDear.GetProperty("blocker").GetString());
        var empty = Item(shop, soldOut);
        Assert.False(empty.GetProperty("in_stock").GetBoolean());
        Assert.False(empty.GetProperty("can_redeem").GetBoolean());
        Assert.Equal("Out of stock", empty.GetProperty("blocker").GetString());
        Assert.DoesNotContain(shop.EnumerateArray(), i => i.GetProperty("id").GetInt64() == hidden);
        // Featured first.
        var ids = shop.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.True(ids.IndexOf(cheap) < ids.IndexOf(soldOut));

        var featured = await agent.GetFromJsonAsync<JsonElement>($"{Api}/rewards?featured=true");
        Assert.Contains(featured.EnumerateArray(), i => i.GetProperty("id").GetInt64() == cheap);
        Assert.All(featured.EnumerateArray(), i => Assert.True(i.GetProperty("featured").GetBoolean()));
        var experiences = await agent.GetFromJsonAsync<JsonElement>($"{Api}/rewards?category=experience");
        Assert.Contains(experiences.EnumerateArray(), i => i.GetProperty("id").GetInt64() == cheap);
        Assert.DoesNotContain(experiences.EnumerateArray(), i => i.GetProperty("id").GetInt64() == pricey);
        Assert.All(experiences.EnumerateArray(), i => Assert.Equal("experience", i.GetProperty("category").GetString()));
    }

    [Theory]
    [InlineData("category=shiny", "category")]
    [InlineData("featured=maybe", "featured")]
    public async Task A_bad_shop_filter_is_a_400_problem_naming_it(string query, string field)
    {
        await IngestionSteps.AssertGetRefusedAsync(app, "agent05@acme.test", $"{Api}/rewards?{query}", field);
    }

    [Fact]
    public async Task A_shop_of_another_tenant_never_shows_this_tenants_rewards()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var acmeReward = await CreateRewardIdAsync(admin, NewReward(1));
        var globexAgent = await app.ClientForAsync("agent01@globex.test");

        var shop = await globexAgent.GetFromJsonAsync<JsonElement>($"{Api}/rewards");

        Assert.DoesNotContain(shop.EnumerateArray(), i => i.GetProperty("id").GetInt64() == acmeReward);
    }

    [Fact]
    public async Task An_instant_redemption_returns_a_code_and_spends_current_points_but_not_lifetime_points()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent06@acme.test");
        var before = await GivePointsAsync(admin, agent, "agent06@acme.test", 500);
        var reward = await CreateRewardIdAsync(admin, NewReward(200, stock: 5));

        var result = await RedeemAsync(agent, reward);

        Assert.True(result.GetProperty("success").GetBoolean());
        Assert.Equal("approved", result.GetProperty("status").GetString());
        Assert.Equal(200, result.GetProperty("points_spent").GetInt64());
        var code = result.GetProperty("redemption_code").GetString()!;
        Assert.Matches(CodePattern(), code);
        Assert.Equal($"Use SWAG-{code} at the store", result.GetProperty("details").GetString());
        Assert.InRange(result.GetProperty("expiry_date").GetDateTimeOffset(), app.Now.AddDays(10).AddMinutes(-5), app.Now.AddDays(10).AddMinutes(1));
        var after = await PointsAsync(agent);
        Assert.Equal(before.GetProperty("current_points").GetInt64() - 200, after.GetProperty("current_points").GetInt64());
        Assert.Equal(after.GetProperty("current_points").GetInt64(), result.GetProperty("current_points").GetInt64());
        Assert.Equal(before.GetProperty("lifetime_points").GetInt64(), after.GetProperty("lifetime_points").GetInt64());
        Assert.Equal(before.GetProperty("level").GetInt32(), after.GetProperty("level").GetInt32());
        Assert.Equal(4, (await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards/{reward}")).GetProperty("stock").GetInt32());
        var ledger = await agent.GetFromJsonAsync<JsonElement>($"{Api}/transactions?type=redemption");
        Assert.Equal(-200, Assert.Single(ledger.EnumerateArray()).GetProperty("points").GetInt64());

        var history = await agent.GetFromJsonAsync<JsonElement>($"{Api}/redemptions");
        var mine = Assert.Single(history.EnumerateArray(), r => r.GetProperty("id").GetInt64() == result.GetProperty("redemption_id").GetInt64());
        Assert.Equal(code, mine.GetProperty("code").GetString());
        Assert.Equal(reward, mine.GetProperty("reward_id").GetInt64());
        Assert.Equal("approved", mine.GetProperty("status").GetString());
        Assert.Equal(1, mine.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task An_agent_confirms_an_approved_reward_once()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent10@acme.test");
        await GivePointsAsync(admin, agent, "agent10@acme.test", 300);
        var reward = await CreateRewardIdAsync(admin, NewReward(50));
        var id = (await RedeemAsync(agent, reward, quantity: 2)).GetProperty("redemption_id").GetInt64();

        var completed = await OkAsync(agent.PostAsync($"{Api}/redemptions/{id}/complete", null));

        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal(2, completed.GetProperty("quantity").GetInt32());
        Assert.Equal(100, completed.GetProperty("points_spent").GetInt64());
        Assert.InRange(completed.GetProperty("completed_at").GetDateTimeOffset(), app.Now.AddMinutes(-5), app.Now.AddMinutes(1));
        var again = await agent.PostAsync($"{Api}/redemptions/{id}/complete", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(409, (await IngestionSteps.ProblemAsync(again)).GetProperty("status").GetInt32());
        var colleague = await app.ClientForAsync("agent11@acme.test");
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PostAsync($"{Api}/redemptions/{id}/complete", null)).StatusCode);
    }

    [Fact]
    public async Task A_reward_needing_approval_waits_in_the_queue_and_is_approved_or_rejected_with_a_refund()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent07@acme.test");
        var start = await GivePointsAsync(admin, agent, "agent07@acme.test", 1000);
        var current = start.GetProperty("current_points").GetInt64();
        var lifetime = start.GetProperty("lifetime_points").GetInt64();
        var reward = await CreateRewardIdAsync(admin, NewReward(100, stock: 3, requiresApproval: true));

        var pending = await RedeemAsync(agent, reward);

        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("redemption_code").ValueKind);
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("expiry_date").ValueKind);
        Assert.Equal(current - 100, pending.GetProperty("current_points").GetInt64());
        var first = pending.GetProperty("redemption_id").GetInt64();
        var queue = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/redemptions");
        var queued = Assert.Single(queue.EnumerateArray(), r => r.GetProperty("id").GetInt64() == first);
        Assert.Equal("pending", queued.GetProperty("status").GetString());
        Assert.Equal(await app.UserIdAsync("agent07@acme.test"), queued.GetProperty("user_id").GetString());
        Assert.All(queue.EnumerateArray(), r => Assert.Equal("pending", r.GetProperty("status").GetString()));
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards/{reward}")).GetProperty("pending_count").GetInt32());

        var approved = await OkAsync(admin.PostAsync($"{Api}/admin/redemptions/{first}/approve", null));

        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var code = approved.GetProperty("code").GetString()!;
        Assert.Matches(CodePattern(), code);
        Assert.Equal($"Use SWAG-{code} at the store", approved.GetProperty("details").GetString());
        var history = await agent.GetFromJsonAsync<JsonElement>($"{Api}/redemptions");
        Assert.Equal(code, Assert.Single(history.EnumerateArray(), r => r.GetProperty("id").GetInt64() == first).GetProperty("code").GetString());
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/redemptions?status=pending")).EnumerateArray(),
            r => r.GetProperty("id").GetInt64() == first);
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/redemptions?status=approved")).EnumerateArray(),
            r => r.GetProperty("id").GetInt64() == first);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"{Api}/admin/redemptions/{first}/approve", null)).StatusCode);

        var second = (await RedeemAsync(agent, reward)).GetProperty("redemption_id").GetInt64();
        Assert.Equal(1, await StockAsync(reward));
        Assert.Equal(current - 200, (await PointsAsync(agent)).GetProperty("current_points").GetInt64());

        var rejected = await OkAsync(admin.PostAsJsonAsync($"{Api}/admin/redemptions/{second}/reject", new { reason = "Out of season" }));

        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("Out of season", rejected.GetProperty("rejection_reason").GetString());
        Assert.Equal(JsonValueKind.Null, rejected.GetProperty("code").ValueKind);
        var after = await PointsAsync(agent);
        Assert.Equal(current - 100, after.GetProperty("current_points").GetInt64());
        Assert.Equal(lifetime, after.GetProperty("lifetime_points").GetInt64());
        Assert.Equal(2, await StockAsync(reward));
        var refund = await agent.GetFromJsonAsync<JsonElement>($"{Api}/transactions?type=redemption_refund");
        Assert.Equal(100, Assert.Single(refund.EnumerateArray()).GetProperty("points").GetInt64());
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/redemptions?status=rejected")).EnumerateArray(),
            r => r.GetProperty("id").GetInt64() == second);
        var all = (await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/redemptions?status=all")).EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(first, all);
        Assert.Contains(second, all);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"{Api}/admin/redemptions/{second}/reject", new { reason = "Twice" })).StatusCode);
        Assert.Equal(current - 100, (await PointsAsync(agent)).GetProperty("current_points").GetInt64());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rejection_without_a_reason_is_400_and_changes_nothing(bool withBody)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent12@acme.test");
        await GivePointsAsync(admin, agent, "agent12@acme.test", 200);
        var reward = await CreateRewardIdAsync(admin, NewReward(100, stock: 4, requiresApproval: true));
        var id = (await RedeemAsync(agent, reward)).GetProperty("redemption_id").GetInt64();
        var state = await StateOfAsync(await app.UserIdAsync("agent12@acme.test"));

        var response = withBody
            ? await admin.PostAsJsonAsync($"{Api}/admin/redemptions/{id}/reject", new { reason = "  " })
            : await admin.PostAsync($"{Api}/admin/redemptions/{id}/reject", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await IngestionSteps.ProblemAsync(response)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(state, await StateOfAsync(await app.UserIdAsync("agent12@acme.test")));
        Assert.Equal(3, await StockAsync(reward));
        Assert.Equal("pending", (await agent.GetFromJsonAsync<JsonElement>($"{Api}/redemptions")).EnumerateArray()
            .Single(r => r.GetProperty("id").GetInt64() == id).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bulk_decisions_answer_for_each_id_on_its_own()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent08@acme.test");
        var start = (await GivePointsAsync(admin, agent, "agent08@acme.test", 1000)).GetProperty("current_points").GetInt64();
        var reward = await CreateRewardIdAsync(admin, NewReward(100, stock: 10, requiresApproval: true));
        var a = (await RedeemAsync(agent, reward)).GetProperty("redemption_id").GetInt64();
        var b = (await RedeemAsync(agent, reward)).GetProperty("redemption_id").GetInt64();
        var c = (await RedeemAsync(agent, reward)).GetProperty("redemption_id").GetInt64();

        var approved = await OkAsync(admin.PostAsJsonAsync($"{Api}/admin/redemptions/approve", new { ids = new[] { a, b, 99_999_999L } }));

        Assert.Equal(2, approved.GetProperty("succeeded_count").GetInt32());
        Assert.Equal(1, approved.GetProperty("failed_count").GetInt32());
        var results = approved.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([a, b, 99_999_999L], results.Select(r => r.GetProperty("redemption_id").GetInt64()));
        Assert.True(results[0].GetProperty("succeeded").GetBoolean());
        Assert.Matches(CodePattern(), results[0].GetProperty("redemption").GetProperty("code").GetString()!);
        Assert.False(results[2].GetProperty("succeeded").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(results[2].GetProperty("error").GetString()));
        Assert.Equal(JsonValueKind.Null, results[2].GetProperty("redemption").ValueKind);

        var noReason = await admin.PostAsJsonAsync($"{Api}/admin/redemptions/reject", new { ids = new[] { c } });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await IngestionSteps.ProblemAsync(noReason)).GetProperty("errors").TryGetProperty("reason", out _));
        var noIds = await admin.PostAsJsonAsync($"{Api}/admin/redemptions/approve", new { ids = Array.Empty<long>() });
        Assert.Equal(HttpStatusCode.BadRequest, noIds.StatusCode);
        Assert.True((await IngestionSteps.ProblemAsync(noIds)).GetProperty("errors").TryGetProperty("ids", out _));
        Assert.Equal(start - 300, (await PointsAsync(agent)).GetProperty("current_points").GetInt64());

        var rejected = await OkAsync(admin.PostAsJsonAsync($"{Api}/admin/redemptions/reject", new { ids = new[] { c, a }, reason = "Budget frozen" }));

        Assert.Equal(1, rejected.GetProperty("succeeded_count").GetInt32());
        var outcomes = rejected.GetProperty("results").EnumerateArray().ToList();
        Assert.True(outcomes[0].GetProperty("succeeded").GetBoolean());
        Assert.Equal("Budget frozen", outcomes[0].GetProperty("redemption").GetProperty("rejection_reason").GetString());
        Assert.False(outcomes[1].GetProperty("succeeded").GetBoolean());
        Assert.Equal(start - 200, (await PointsAsync(agent)).GetProperty("current_points").GetInt64());
        Assert.Equal(8, await StockAsync(reward));
    }

    [Theory]
    [InlineData("quantity_0", HttpStatusCode.BadRequest, "quantity")]
    [InlineData("quantity_21", HttpStatusCode.BadRequest, "quantity")]
    [InlineData("over_agent_limit", HttpStatusCode.BadRequest, "quantity")]
    [InlineData("insufficient_points", HttpStatusCode.BadRequest, "points")]
    [InlineData("missing_reward_id", HttpStatusCode.BadRequest, "reward_id")]
    [InlineData("inactive", HttpStatusCode.Conflict, null)]
    [InlineData("out_of_stock", HttpStatusCode.Conflict, null)]
    [InlineData("not_enough_left", HttpStatusCode.Conflict, null)]
    [InlineData("unknown_reward", HttpStatusCode.NotFound, null)]
    public async Task A_refused_redemption_is_a_problem_and_changes_nothing(string scenario, HttpStatusCode status, string? field)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent09@acme.test");
        var userId = await app.UserIdAsync("agent09@acme.test");
        await GivePointsAsync(admin, agent, "agent09@acme.test", 500);
        var body = NewReward(10, stock: 5);
        if (scenario == "over_agent_limit")
        {
            body["per_agent_limit"] = 2;
            body["limit_period"] = "month";
        }
        if (scenario == "insufficient_points")
        {
            body["points_cost"] = 1_000_000;
        }
        if (scenario == "out_of_stock")
        {
            body["stock"] = 0;
        }
        if (scenario == "not_enough_left")
        {
            body["stock"] = 1;
        }
        var reward = await CreateRewardIdAsync(admin, body);
        if (scenario == "over_agent_limit")
        {
            await RedeemAsync(agent, reward);
        }
        if (scenario == "inactive")
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Api}/admin/rewards/{reward}/deactivate", null)).StatusCode);
        }
        object request = scenario switch
        {
            "quantity_0" => new { reward_id = reward, quantity = 0 },
            "quantity_21" => new { reward_id = reward, quantity = 21 },
            "over_agent_limit" => new { reward_id = reward, quantity = 2 },
            "missing_reward_id" => new { quantity = 1 },
            "not_enough_left" => new { reward_id = reward, quantity = 2 },
            "unknown_reward" => new { reward_id = 99_999_999L },
            _ => new { reward_id = reward },
        };
        var state = await StateOfAsync(userId);
        var stock = await StockAsync(reward);

        var response = await agent.PostAsJsonAsync($"{Api}/redeem", request);

        Assert.Equal(status, response.StatusCode);
        var problem = await IngestionSteps.ProblemAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"expected an error for {field}: {problem}");
            Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
        Assert.Equal(state, await StateOfAsync(userId));
        Assert.Equal(stock, await StockAsync(reward));
    }

    [Fact]
    public async Task Another_tenants_rewards_and_redemptions_are_404_and_stay_as_they_were()
    {
        var acmeAdmin = await app.ClientForAsync("admin@acme.test");
        var acmeAgent = await app.ClientForAsync("agent13@acme.test");
        await GivePointsAsync(acmeAdmin, acmeAgent, "agent13@acme.test", 500);
        var reward = await CreateRewardIdAsync(acmeAdmin, NewReward(100, stock: 5, requiresApproval: true));
        var redemption = (await RedeemAsync(acmeAgent, reward)).GetProperty("redemption_id").GetInt64();
        var globexAdmin = await app.ClientForAsync("admin@globex.test");
        var globexAgent = await app.ClientForAsync("agent02@globex.test");
        var globexUser = await app.UserIdAsync("agent02@globex.test");
        await GivePointsAsync(globexAdmin, globexAgent, "agent02@globex.test", 5000);
        var globexState = await StateOfAsync(globexUser);
        var acmeState = await StateOfAsync(await app.UserIdAsync("agent13@acme.test"));

        Assert.Equal(HttpStatusCode.NotFound, (await globexAgent.PostAsJsonAsync($"{Api}/redeem", new { reward_id = reward })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAgent.PostAsync($"{Api}/redemptions/{redemption}/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.PostAsync($"{Api}/admin/redemptions/{redemption}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.PostAsJsonAsync($"{Api}/admin/redemptions/{redemption}/reject", new { reason = "Cross-tenant" })).StatusCode);
        var bulk = await OkAsync(globexAdmin.PostAsJsonAsync($"{Api}/admin/redemptions/approve", new { ids = new[] { redemption } }));
        Assert.Equal(0, bulk.GetProperty("succeeded_count").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.GetAsync($"{Api}/admin/rewards/{reward}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.PutAsJsonAsync($"{Api}/admin/rewards/{reward}", NewReward(1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.PostAsync($"{Api}/admin/rewards/{reward}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.PostAsync($"{Api}/admin/rewards/{reward}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.PostAsJsonAsync($"{Api}/admin/rewards/{reward}/stock", new { change = -5, reason = "Cross-tenant" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globexAdmin.GetAsync($"{Api}/admin/rewards/{reward}/stock-history")).StatusCode);
        Assert.DoesNotContain((await globexAdmin.GetFromJsonAsync<JsonElement>($"{Api}/admin/redemptions?status=all")).EnumerateArray(),
            r => r.GetProperty("id").GetInt64() == redemption);
        Assert.DoesNotContain((await globexAdmin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards")).EnumerateArray(),
            r => r.GetProperty("id").GetInt64() == reward);

        Assert.Equal(globexState, await StateOfAsync(globexUser));
        Assert.Equal(acmeState, await StateOfAsync(await app.UserIdAsync("agent13@acme.test")));
        var stored = await app.WithDbAsync(db => db.RewardItems.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == reward));
        Assert.True(stored.IsActive);
        Assert.Equal(4, stored.Stock);
        Assert.StartsWith("Test reward", stored.Name, StringComparison.Ordinal);
        Assert.Equal("pending", (await acmeAdmin.GetFromJsonAsync<JsonElement>($"{Api}/admin/redemptions")).EnumerateArray()
            .Single(r => r.GetProperty("id").GetInt64() == redemption).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("agent01@acme.test")]
    [InlineData("supervisor@acme.test")]
    public async Task Only_an_admin_manages_the_catalog_and_the_queue(string email)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var reward = await CreateRewardIdAsync(admin, NewReward(1, stock: 3));
        var client = await app.ClientForAsync(email);
        var count = await RewardCountAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/admin/redemptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Api}/admin/redemptions/1/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/admin/redemptions/1/reject", new { reason = "Me" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/admin/redemptions/approve", new { ids = SomeIds })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/admin/redemptions/reject", new { ids = SomeIds, reason = "Me" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/admin/rewards")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/admin/rewards/{reward}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/admin/rewards", NewReward())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"{Api}/admin/rewards/{reward}", NewReward())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Api}/admin/rewards/{reward}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"{Api}/admin/rewards/{reward}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"{Api}/admin/rewards/{reward}/stock", new { change = 100, reason = "Me" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{Api}/admin/rewards/{reward}/stock-history")).StatusCode);

        Assert.Equal(count, await RewardCountAsync());
        Assert.Equal(3, await StockAsync(reward));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{Api}/rewards")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync($"{Api}/redeem", new { reward_id = reward })).StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_edits_restocks_and_deactivates_a_reward()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var agent = await app.ClientForAsync("agent14@acme.test");
        var body = NewReward(250, stock: 5);
        body["per_agent_limit"] = 1;
        body["limit_period"] = "week";

        var response = await admin.PostAsJsonAsync($"{Api}/admin/rewards", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"{Api}/admin/rewards/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((string?)body["name"], created.GetProperty("name").GetString());
        Assert.Equal("digital", created.GetProperty("category").GetString());
        Assert.Equal(250, created.GetProperty("points_cost").GetInt32());
        Assert.Equal(5, created.GetProperty("stock").GetInt32());
        Assert.Equal(1, created.GetProperty("per_agent_limit").GetInt32());
        Assert.Equal("week", created.GetProperty("limit_period").GetString());
        Assert.Equal("Use SWAG-{code} at the store", created.GetProperty("redemption_details").GetString());
        Assert.True(created.GetProperty("is_active").GetBoolean());
        Assert.Equal(0, created.GetProperty("pending_count").GetInt32());
        Assert.Equal(created.GetProperty("name").GetString(), (await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards/{id}")).GetProperty("name").GetString());
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards")).EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);

        // A field left out keeps its value (the stock above all); an explicit null clears the limit.
        var edited = await OkAsync(admin.PutAsJsonAsync($"{Api}/admin/rewards/{id}", new { name = "Renamed reward", points_cost = 300, per_agent_limit = (int?)null }));
        Assert.Equal("Renamed reward", edited.GetProperty("name").GetString());
        Assert.Equal(300, edited.GetProperty("points_cost").GetInt32());
        Assert.Equal(5, edited.GetProperty("stock").GetInt32());
        Assert.Equal(JsonValueKind.Null, edited.GetProperty("per_agent_limit").ValueKind);
        Assert.Equal("digital", edited.GetProperty("category").GetString());
        Assert.Equal("Made by a test.", edited.GetProperty("description").GetString());
        Assert.Equal(10, edited.GetProperty("code_validity_days").GetInt32());

        var restocked = await OkAsync(admin.PostAsJsonAsync($"{Api}/admin/rewards/{id}/stock", new { change = 7, reason = "Delivery arrived" }));
        Assert.Equal(12, restocked.GetProperty("stock").GetInt32());
        var set = await OkAsync(admin.PutAsJsonAsync($"{Api}/admin/rewards/{id}", new { stock = 20 }));
        Assert.Equal(20, set.GetProperty("stock").GetInt32());
        var history = (await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards/{id}/stock-history")).EnumerateArray().ToList();
        Assert.Equal(3, history.Count);
        Assert.Equal(12, history[0].GetProperty("stock_before").GetInt32());
        Assert.Equal(20, history[0].GetProperty("stock_after").GetInt32());
        Assert.Equal("Delivery arrived", history[1].GetProperty("reason").GetString());
        Assert.Equal(5, history[1].GetProperty("stock_before").GetInt32());
        Assert.Equal(12, history[1].GetProperty("stock_after").GetInt32());
        Assert.Equal(await app.UserIdAsync("admin@acme.test"), history[1].GetProperty("by_user_id").GetString());
        Assert.Equal(JsonValueKind.Null, history[2].GetProperty("stock_before").ValueKind);
        Assert.Equal(5, history[2].GetProperty("stock_after").GetInt32());

        var deactivated = await OkAsync(admin.PostAsync($"{Api}/admin/rewards/{id}/deactivate", null));
        Assert.False(deactivated.GetProperty("is_active").GetBoolean());
        Assert.DoesNotContain((await agent.GetFromJsonAsync<JsonElement>($"{Api}/rewards")).EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
        Assert.Contains((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards")).EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards?include_inactive=false")).EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
        var activated = await OkAsync(admin.PostAsync($"{Api}/admin/rewards/{id}/activate", null));
        Assert.True(activated.GetProperty("is_active").GetBoolean());
        Assert.Contains((await agent.GetFromJsonAsync<JsonElement>($"{Api}/rewards")).EnumerateArray(), i => i.GetProperty("id").GetInt64() == id);
    }

    [Theory]
    [InlineData("no_reason", "reason")]
    [InlineData("no_change", "change")]
    [InlineData("zero", "change")]
    [InlineData("below_zero", "change")]
    [InlineData("unlimited", "change")]
    public async Task A_bad_stock_adjustment_is_400_and_changes_nothing(string scenario, string field)
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var id = await CreateRewardIdAsync(admin, NewReward(10, stock: scenario == "unlimited" ? -1 : 3));
        object body = scenario switch
        {
            "no_reason" => new { change = 2 },
            "no_change" => new { reason = "Count" },
            "zero" => new { change = 0, reason = "Count" },
            "below_zero" => new { change = -4, reason = "Broken" },
            _ => new { change = 5, reason = "Delivery" },
        };
        var stock = await StockAsync(id);

        var response = await admin.PostAsJsonAsync($"{Api}/admin/rewards/{id}/stock", body);

        await IngestionSteps.AssertFieldErrorAsync(response, field);
        Assert.Equal(stock, await StockAsync(id));
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards/{id}/stock-history")).EnumerateArray());
    }

    [Theory]
    [InlineData("missing_name", "name")]
    [InlineData("blank_name", "name")]
    [InlineData("missing_category", "category")]
    [InlineData("unknown_category", "category")]
    [InlineData("missing_points_cost", "points_cost")]
    [InlineData("points_cost_0", "points_cost")]
    [InlineData("points_cost_text", "points_cost")]
    [InlineData("stock_below_unlimited", "stock")]
    [InlineData("code_validity_0", "code_validity_days")]
    [InlineData("per_agent_limit_0", "per_agent_limit")]
    [InlineData("unknown_limit_period", "limit_period")]
    [InlineData("script_image_url", "image_url")]
    [InlineData("featured_text", "featured")]
    public async Task A_bad_reward_is_refused_with_400_naming_the_field_and_nothing_is_stored(string scenario, string field)
    {
        var body = NewReward();
        switch (scenario)
        {
            case "missing_name": body.Remove("name"); break;
            case "blank_name": body["name"] = "  "; break;
            case "missing_category": body.Remove("category"); break;
            case "unknown_category": body["category"] = "crypto"; break;
            case "missing_points_cost": body.Remove("points_cost"); break;
            case "points_cost_0": body["points_cost"] = 0; break;
            case "points_cost_text": body["points_cost"] = "ten"; break;
            case "stock_below_unlimited": body["stock"] = -5; break;
            case "code_validity_0": body["code_validity_days"] = 0; break;
            case "per_agent_limit_0": body["per_agent_limit"] = 0; break;
            case "unknown_limit_period": body["limit_period"] = "year"; break;
            case "script_image_url": body["image_url"] = "javascript:alert(1)"; break;
            case "featured_text": body["featured"] = "yes"; break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        await IngestionSteps.AssertPostRefusedAsync(app, "admin@acme.test", $"{Api}/admin/rewards", body, field, RewardCountAsync);
    }

    [Fact]
    public async Task Every_wrong_field_of_a_reward_is_reported_at_once_and_a_bad_edit_changes_nothing()
    {
        var admin = await app.ClientForAsync("admin@acme.test");
        var body = NewReward();
        body["category"] = "crypto";
        body["points_cost"] = 0;
        body["code_validity_days"] = 400;

        var response = await admin.PostAsJsonAsync($"{Api}/admin/rewards", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await IngestionSteps.ProblemAsync(response)).GetProperty("errors");
        Assert.Equal(["category", "code_validity_days", "points_cost"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("crypto", errors.GetProperty("category")[0].GetString(), StringComparison.Ordinal);

        var created = await CreateRewardAsync(admin, NewReward(40, stock: 2));
        var id = created.GetProperty("id").GetInt64();
        var edit = await admin.PutAsJsonAsync($"{Api}/admin/rewards/{id}", new { name = "Renamed", stock = 9, points_cost = -3 });
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.True((await IngestionSteps.ProblemAsync(edit)).GetProperty("errors").TryGetProperty("points_cost", out _));
        var stored = await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards/{id}");
        Assert.Equal(created.GetProperty("name").GetString(), stored.GetProperty("name").GetString());
        Assert.Equal(2, stored.GetProperty("stock").GetInt32());
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"{Api}/admin/rewards/{id}/stock-history")).EnumerateArray());
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("include_inactive=perhaps", "include_inactive")]
    public async Task A_bad_admin_filter_is_a_400_problem_naming_it(string query, string field)
    {
        var path = field == "status" ? "redemptions" : "rewards";
        await IngestionSteps.AssertGetRefusedAsync(app, "admin@acme.test", $"{Api}/admin/{path}?{query}", field);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_rewards_endpoints()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/gamification/rewards", "/api/v1/gamification/redeem", "/api/v1/gamification/redemptions",
            "/api/v1/gamification/redemptions/{id}/complete", "/api/v1/gamification/admin/redemptions",
            "/api/v1/gamification/admin/redemptions/{id}/approve", "/api/v1/gamification/admin/redemptions/{id}/reject",
            "/api/v1/gamification/admin/redemptions/approve", "/api/v1/gamification/admin/redemptions/reject",
            "/api/v1/gamification/admin/rewards", "/api/v1/gamification/admin/rewards/{id}", "/api/v1/gamification/admin/rewards/{id}/stock",
            "/api/v1/gamification/admin/rewards/{id}/stock-history", "/api/v1/gamification/admin/rewards/{id}/deactivate",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }
    }
}
