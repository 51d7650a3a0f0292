namespace Gamification.Tests.Rewards;

/// <summary>
/// Trending rewards (docs/rules.md, Trending rewards): the shop marks the three active rewards redeemed most often in
/// the last 14 tenant-local days, today included; rejected redemptions do not count, a redemption of several counts
/// once, and equal counts go to the reward redeemed last.
/// </summary>
public sealed class TrendingRewardsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>
    /// The fixture's start, Monday 2 March 2026 14:00 UTC, is 09:00 in New York (UTC-5 until 8 March): the window is
    /// 17 February to 2 March, local; 17 February starts at 05:00 UTC.
    /// </summary>
    private static readonly DateTimeOffset WindowStartInNewYork = new(2026, 2, 17, 5, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2026, month, day, hour, minute, second, TimeSpan.Zero);

    /// <summary>Stores redemptions as they would have been made, oldest first (ids follow time, as they do when made live).</summary>
    private static void Seed(PointsFixture f, params (long RewardId, RedemptionStatus Status, DateTimeOffset At, int Quantity)[] redemptions)
    {
        using var db = f.CreateContext();
        foreach (var (rewardId, status, at, quantity) in redemptions.OrderBy(r => r.At))
        {
            db.UserRedemptions.Add(new UserRedemption
            {
                TenantId = f.TenantId,
                UserId = f.AgentId,
                RewardItemId = rewardId,
                Quantity = quantity,
                PointsSpent = 10 * quantity,
                Status = status,
                CreatedAt = at,
            });
        }
        db.SaveChanges();
    }

    /// <summary><paramref name="count"/> approved redemptions of one each, an hour apart from <paramref name="first"/>.</summary>
    private static IEnumerable<(long RewardId, RedemptionStatus Status, DateTimeOffset At, int Quantity)> Hourly(long rewardId, DateTimeOffset first, int count) =>
        Enumerable.Range(0, count).Select(i => (rewardId, RedemptionStatus.Approved, first.AddHours(i), 1));

    /// <summary>A reward of the tenant's shop at 10 points.</summary>
    private static long Reward(PointsFixture f, string name) => f.AddReward(cost: 10, name: name);

    /// <summary>The Mug, alone in the shop, redeemed once (approved) at <paramref name="at"/>.</summary>
    private static long MugRedeemedOnce(PointsFixture f, DateTimeOffset at)
    {
        var mug = Reward(f, "Mug");
        Seed(f, (mug, RedemptionStatus.Approved, at, 1));
        return mug;
    }

    /// <summary>Another tenant whose agent redeemed each of its three rewards five times on 1 March (UTC).</summary>
    private static async Task SeedAnotherTenantsRedemptionsAsync(PointsFixture f)
    {
        var other = Guid.NewGuid();
        await using var db = f.CreateContext();
        db.Tenants.Add(new Tenant { Id = other, Name = "Other", TimeZoneId = "UTC", CreatedAt = PointsFixture.Start });
        var theirs = new ApplicationUser { Id = Guid.NewGuid().ToString(), TenantId = other, UserName = "x@other.test", DisplayName = "X", ExternalId = "x", CreatedAt = PointsFixture.Start };
        db.Users.Add(theirs);
        var rewards = Enumerable.Range(1, 3).Select(i => new RewardItem
        {
            TenantId = other,
            Name = $"Theirs {i}",
            Category = RewardCategory.Physical,
            PointsCost = 10,
            CreatedAt = PointsFixture.Start,
        }).ToList();
        db.RewardItems.AddRange(rewards);
        await db.SaveChangesAsync();
        db.UserRedemptions.AddRange(rewards.SelectMany(r => Enumerable.Range(0, 5).Select(i => new UserRedemption
        {
            TenantId = other,
            UserId = theirs.Id,
            RewardItemId = r.Id,
            PointsSpent = 10,
            Status = RedemptionStatus.Approved,
            CreatedAt = Utc(3, 1, 10 + i),
        })));
        await db.SaveChangesAsync();
    }

    private static async Task<Dictionary<long, (int Redemptions, bool Trending)>> ShopAsync(PointsFixture f, RewardCategory? category = null) =>
        (await f.RewardService().ShopAsync(f.AgentId, category, ct: None)).Items
            .ToDictionary(i => i.Reward.Id, i => (i.RedemptionsLast14Days, i.Trending));

    [Fact]
    public async Task The_three_active_rewards_redeemed_most_in_the_last_14_local_days_trend()
    {
        using var f = PointsFixture.InMemory("America/New_York");
        var (mug, lunch, voucher, headset, pen) =
            (Reward(f, "Mug"), Reward(f, "Team lunch"), Reward(f, "Coffee voucher"), Reward(f, "Headset"), Reward(f, "Pen"));
        var retired = f.AddReward(cost: 10, name: "Retired", active: false);
        Seed(f, [
            // Mug: 4, whatever their status after the request (pending, approved, completed, expired); 5 mugs at once count once.
            (mug, RedemptionStatus.Pending, Utc(3, 2, 13), 1),
            (mug, RedemptionStatus.Approved, Utc(2, 28, 10), 5),
            (mug, RedemptionStatus.Completed, Utc(2, 20, 10), 1),
            (mug, RedemptionStatus.Expired, Utc(2, 18, 10), 1),
            // Team lunch: 3, and 2 rejected that do not count.
            (lunch, RedemptionStatus.Approved, Utc(2, 19, 10), 1),
            (lunch, RedemptionStatus.Approved, Utc(2, 21, 10), 1),
            (lunch, RedemptionStatus.Completed, Utc(2, 22, 10), 1),
            (lunch, RedemptionStatus.Rejected, Utc(3, 1, 10), 1),
            (lunch, RedemptionStatus.Rejected, Utc(3, 1, 11), 1),
            // Voucher: 2 - one at the first instant of 17 February in New York, one on the 25th; three a second before the
            // window (still 17 February by UTC, 16 February in New York) do not count.
            (voucher, RedemptionStatus.Approved, WindowStartInNewYork, 1),
            (voucher, RedemptionStatus.Approved, Utc(2, 25, 10), 1),
            (voucher, RedemptionStatus.Approved, WindowStartInNewYork.AddSeconds(-1), 1),
            (voucher, RedemptionStatus.Approved, Utc(2, 17, 4, 0), 1),
            (voucher, RedemptionStatus.Approved, Utc(2, 17, 0, 0), 1),
            // Headset: 2 as well, but redeemed last on the 21st, before the voucher's 25th: the voucher takes the third place.
            (headset, RedemptionStatus.Approved, Utc(2, 20, 11), 1),
            (headset, RedemptionStatus.Approved, Utc(2, 21, 11), 1),
            // A reward out of the shop takes no place, however popular it was: 6, from 10:00 to 15:00.
            .. Hourly(retired, Utc(2, 26, 10), 6)]);

        var shop = await ShopAsync(f);

        Assert.Equal(
            new Dictionary<long, (int, bool)>
            {
                [mug] = (4, true),
                [lunch] = (3, true),
                [voucher] = (2, true),
                [headset] = (2, false),
                [pen] = (0, false),
            },
            shop);
    }

    [Fact]
    public async Task Another_tenants_redemptions_take_no_place()
    {
        using var f = PointsFixture.InMemory();
        var mug = MugRedeemedOnce(f, Utc(3, 1, 10));
        await SeedAnotherTenantsRedemptionsAsync(f);

        var shop = await ShopAsync(f);

        Assert.Equal(new Dictionary<long, (int, bool)> { [mug] = (1, true) }, shop);
    }

    [Fact]
    public async Task A_reward_needs_a_redemption_to_trend_and_fewer_than_three_can_trend()
    {
        using var f = PointsFixture.InMemory();
        var mug = MugRedeemedOnce(f, Utc(3, 1, 10));
        var (pen, lunch) = (Reward(f, "Pen"), Reward(f, "Team lunch"));
        Seed(f, (lunch, RedemptionStatus.Rejected, Utc(3, 1, 11), 1));

        var shop = await ShopAsync(f);

        Assert.Equal((1, true), shop[mug]);
        Assert.Equal((0, false), shop[pen]);
        Assert.Equal((0, false), shop[lunch]);
    }

    [Fact]
    public async Task A_redemption_counts_for_14_local_days_then_falls_out()
    {
        using var f = PointsFixture.InMemory();
        MugRedeemedOnce(f, Utc(3, 2, 14));
        var service = f.RewardService();

        // Sunday 15 March, 23:59:59 UTC: the 14th day counting 2 March.
        f.Clock.Advance(new DateTimeOffset(2026, 3, 15, 23, 59, 59, TimeSpan.Zero) - f.Clock.GetUtcNow());
        var lastDay = Assert.Single((await service.ShopAsync(f.AgentId, ct: None)).Items);
        Assert.Equal((1, true), (lastDay.RedemptionsLast14Days, lastDay.Trending));

        f.Clock.Advance(TimeSpan.FromSeconds(1));
        var dayAfter = Assert.Single((await service.ShopAsync(f.AgentId, ct: None)).Items);
        Assert.Equal((0, false), (dayAfter.RedemptionsLast14Days, dayAfter.Trending));
    }

    [Fact]
    public async Task A_request_counts_while_it_waits_and_stops_counting_when_rejected()
    {
        using var f = PointsFixture.InMemory();
        var lunch = f.AddReward(cost: 100, approval: true, name: "Team lunch");
        await f.AwardAsync(f.AgentId, 100, "Opening balance");
        var service = f.RewardService();
        var request = await service.RedeemAsync(f.AgentId, lunch, 1);

        var waiting = Assert.Single((await service.ShopAsync(f.AgentId, ct: None)).Items);
        Assert.Equal((1, true), (waiting.RedemptionsLast14Days, waiting.Trending));

        await service.RejectAsync(request.RedemptionId, "Not this month", "admin-1");

        var rejected = Assert.Single((await service.ShopAsync(f.AgentId, ct: None)).Items);
        Assert.Equal((0, false), (rejected.RedemptionsLast14Days, rejected.Trending));
    }

    [Fact]
    public async Task A_filtered_shop_marks_what_trends_in_the_whole_shop()
    {
        using var f = PointsFixture.InMemory();
        var (first, second, third, digital) = (Reward(f, "First"), Reward(f, "Second"), Reward(f, "Third"), Reward(f, "Fourth, digital"));
        await using (var db = f.CreateContext())
        {
            await db.RewardItems.IgnoreQueryFilters().Where(r => r.Id == digital).ExecuteUpdateAsync(u => u.SetProperty(r => r.Category, RewardCategory.Digital));
        }
        Seed(f,
            (first, RedemptionStatus.Approved, Utc(3, 1, 10), 1), (first, RedemptionStatus.Approved, Utc(3, 1, 11), 1),
            (first, RedemptionStatus.Approved, Utc(3, 1, 12), 1), (first, RedemptionStatus.Approved, Utc(3, 1, 13), 1),
            (second, RedemptionStatus.Approved, Utc(3, 1, 10), 1), (second, RedemptionStatus.Approved, Utc(3, 1, 11), 1),
            (second, RedemptionStatus.Approved, Utc(3, 1, 12), 1),
            (third, RedemptionStatus.Approved, Utc(3, 1, 10), 1), (third, RedemptionStatus.Approved, Utc(3, 1, 11), 1),
            (digital, RedemptionStatus.Approved, Utc(3, 1, 9), 1));

        var digitalOnly = await ShopAsync(f, RewardCategory.Digital);
        var everything = await ShopAsync(f);

        Assert.Equal(new Dictionary<long, (int, bool)> { [digital] = (1, false) }, digitalOnly);
        Assert.Equal((4, true), everything[first]);
        Assert.Equal((3, true), everything[second]);
        Assert.Equal((2, true), everything[third]);
        Assert.Equal((1, false), everything[digital]);
    }

    [Fact]
    public void Equal_counts_go_to_the_reward_redeemed_last_and_at_most_three_trend()
    {
        var trending = RewardRules.Trending([(1, 5, 10), (2, 3, 40), (3, 3, 50), (4, 3, 45), (5, 0, 0), (6, 9, 1)]);

        Assert.Equal([1L, 3L, 6L], trending.Order());
    }
}
