namespace Gamification.Tests.Api;

/// <summary>
/// GET /rewards marks the trending rewards (docs/rules.md, Trending rewards) with <c>trending</c> and
/// <c>redemptions_last_14_days</c> beside every field it had. A class of its own, so its app has no redemptions but
/// these: which rewards trend depends on every redemption in the tenant.
/// </summary>
public sealed class TrendingRewardsApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    private const string Api = "/api/v1/gamification";

    /// <summary>A shop item's fields before trending came, in order, and the two it added.</summary>
    private static readonly string[] ItemFields =
    [
        "id", "name", "description", "image_url", "category", "points_cost", "cost", "stock", "featured", "requires_approval",
        "code_validity_days", "per_agent_limit", "limit_period", "affordable", "points_short", "in_stock", "remaining_for_agent",
        "can_redeem", "blocker", "trending", "redemptions_last_14_days",
    ];

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<long> CreateRewardAsync(HttpClient admin, string name, bool approval = false, bool featured = false)
    {
        var response = await admin.PostAsJsonAsync($"{Api}/admin/rewards", new Dictionary<string, object?>
        {
            ["name"] = name,
            ["category"] = "digital",
            ["points_cost"] = 10,
            ["featured"] = featured,
            ["requires_approval"] = approval,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Agent NN of Acme with 100 points to spend.</summary>
    private async Task<HttpClient> ShopperAsync(HttpClient admin, int agent)
    {
        var email = $"agent{agent:00}@acme.test";
        await OkAsync(admin.PostAsJsonAsync($"{Api}/points/award", new { user_id = await app.UserIdAsync(email), points = 100, reason = "Shop money" }));
        return await app.ClientForAsync(email);
    }

    private static async Task<long> RedeemAsync(HttpClient agent, long rewardId) =>
        (await OkAsync(agent.PostAsJsonAsync($"{Api}/redeem", new { reward_id = rewardId }))).GetProperty("redemption_id").GetInt64();

    private static (bool Trending, int Redemptions) Mark(JsonElement shop, long rewardId)
    {
        var item = Assert.Single(shop.EnumerateArray(), i => i.GetProperty("id").GetInt64() == rewardId);
        return (item.GetProperty("trending").GetBoolean(), item.GetProperty("redemptions_last_14_days").GetInt32());
    }

    [Fact]
    public async Task The_shop_marks_the_three_rewards_most_redeemed_in_the_last_14_days_and_keeps_every_field()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var admin = await app.ClientForAsync("admin@acme.test");
        var (a, b, c, d) = (await CreateRewardAsync(admin, "Trend A"), await CreateRewardAsync(admin, "Trend B"),
            await CreateRewardAsync(admin, "Trend C"), await CreateRewardAsync(admin, "Trend D", featured: true));
        var asked = await CreateRewardAsync(admin, "Trend asked", approval: true);
        var shoppers = new List<HttpClient>();
        for (var i = 1; i <= 6; i++)
        {
            shoppers.Add(await ShopperAsync(admin, i));
        }
        // Two redemptions of D a second before the window (the first instant of the 14th local day back, in New York).
        var today = TenantClock.For("America/New_York").LocalDay(app.Now);
        var beforeWindow = TenantClock.For("America/New_York").DayStartUtc(today.AddDays(-13)).AddSeconds(-1);
        var agent1 = await app.UserIdAsync("agent01@acme.test");
        await app.WithDbAsync(db =>
        {
            db.UserRedemptions.AddRange(Enumerable.Range(0, 2).Select(_ => new UserRedemption
            {
                TenantId = acme,
                UserId = agent1,
                RewardItemId = d,
                PointsSpent = 10,
                Status = RedemptionStatus.Completed,
                CreatedAt = beforeWindow,
            }));
            return db.SaveChangesAsync();
        }, acme);
        // A: 3; B: 2; D: 1, then C: 1 (C redeemed last takes the third place); two requests for the asked one, both rejected.
        foreach (var shopper in shoppers.Take(3))
        {
            await RedeemAsync(shopper, a);
        }
        await RedeemAsync(shoppers[3], b);
        await RedeemAsync(shoppers[4], b);
        await RedeemAsync(shoppers[5], d);
        await RedeemAsync(shoppers[5], c);
        var requests = new[] { await RedeemAsync(shoppers[0], asked), await RedeemAsync(shoppers[1], asked) };
        var rejected = await OkAsync(admin.PostAsJsonAsync($"{Api}/admin/redemptions/reject", new { ids = requests, reason = "Not this month" }));
        Assert.Equal(2, rejected.GetProperty("succeeded_count").GetInt32());

        var reader = await app.ClientForAsync("agent10@acme.test");
        var shop = await OkAsync(reader.GetAsync($"{Api}/rewards"));

        Assert.Equal(JsonValueKind.Array, shop.ValueKind);
        Assert.Equal((true, 3), Mark(shop, a));
        Assert.Equal((true, 2), Mark(shop, b));
        Assert.Equal((true, 1), Mark(shop, c));
        Assert.Equal((false, 1), Mark(shop, d));
        Assert.Equal((false, 0), Mark(shop, asked));
        Assert.Equal(3, shop.EnumerateArray().Count(i => i.GetProperty("trending").GetBoolean()));
        // The starter catalog's rewards were never redeemed here.
        Assert.All(shop.EnumerateArray().Where(i => i.GetProperty("id").GetInt64() is var id && id != a && id != b && id != c && id != d),
            i => Assert.Equal((false, 0), (i.GetProperty("trending").GetBoolean(), i.GetProperty("redemptions_last_14_days").GetInt32())));
        Assert.All(shop.EnumerateArray(), i => Assert.Equal(ItemFields, i.EnumerateObject().Select(p => p.Name)));

        // A filter shows less of the shop, not another ranking: D stays unmarked among the featured.
        var featured = await OkAsync(shoppers[0].GetAsync($"{Api}/rewards?featured=true"));
        Assert.Equal((false, 1), Mark(featured, d));

        // Another tenant's shop knows nothing of these.
        var globexAgent = await app.ClientForAsync("agent01@globex.test");
        var globex = await OkAsync(globexAgent.GetAsync($"{Api}/rewards"));
        Assert.NotEqual(0, globex.GetArrayLength());
        Assert.All(globex.EnumerateArray(), i => Assert.Equal((false, 0), (i.GetProperty("trending").GetBoolean(), i.GetProperty("redemptions_last_14_days").GetInt32())));
    }
}
