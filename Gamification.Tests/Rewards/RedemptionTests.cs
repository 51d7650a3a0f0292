namespace Gamification.Tests.Rewards;

/// <summary>Redemptions (RULES.md, Rewards and redemption): atomic, approved or rejected, completed or expired.</summary>
public sealed class RedemptionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Task<PointsChange> GiveAsync(PointsFixture f, string userId, long points) => f.AwardAsync(userId, points, "Opening balance");

    /// <summary>Gives the agent <paramref name="points"/> to spend (as <see cref="GiveAsync"/>) and opens the shop.</summary>
    private static async Task<RewardService> ShopWithAsync(PointsFixture f, long points)
    {
        await GiveAsync(f, f.AgentId, points);
        return f.RewardService();
    }

    private static int Stock(PointsFixture f, long rewardId) => f.All<RewardItem>().Single(r => r.Id == rewardId).Stock;

    [Theory, EachDatabase]
    public async Task Fifty_concurrent_redemptions_against_a_stock_of_ten_sell_exactly_ten(TestDatabase database)
    {
        using var f = PointsFixture.Shared(database);
        var reward = f.AddReward(cost: 100, stock: 10);
        var agents = Enumerable.Range(1, 50).Select(i => f.AddAgent($"buyer-{i:D2}")).ToList();
        foreach (var agent in agents)
        {
            await GiveAsync(f, agent, 150);
        }
        var shop = f.RewardService();

        var attempts = await Task.WhenAll(agents.Select(async agent =>
        {
            await Task.Yield();
            try
            {
                return await shop.RedeemAsync(agent, reward, 1);
            }
            catch (DomainException ex) when (ex.Kind == DomainErrorKind.Conflict)
            {
                return null;
            }
        }));

        Assert.Equal(10, attempts.Count(a => a is not null));
        Assert.Equal(0, Stock(f, reward));
        Assert.Equal(10, f.All<UserRedemption>().Count);
        var balances = agents.Select(a => f.Points(a).CurrentPoints).ToList();
        Assert.Equal(10, balances.Count(b => b == 50));
        Assert.Equal(40, balances.Count(b => b == 150));
        Assert.All(agents, a => Assert.Equal(150, f.Points(a).LifetimePoints));
        Assert.Equal(10, f.Ledger().Count(t => t.Type == TransactionType.Redemption));
        Assert.True((await f.Engine.CheckLedgerAsync(f.TenantId, None)).IsClean);
    }

    [Theory, EachDatabase]
    public async Task One_agent_with_points_for_one_redeeming_twice_at_once_gets_one(TestDatabase database)
    {
        using var f = PointsFixture.Shared(database);
        var reward = f.AddReward(cost: 100);
        var shop = await ShopWithAsync(f, 150);

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await Task.Yield();
            try
            {
                return await shop.RedeemAsync(f.AgentId, reward, 1);
            }
            catch (DomainException ex) when (ex.Kind == DomainErrorKind.Validation)
            {
                Assert.Contains("50 more points", ex.Message, StringComparison.Ordinal);
                return null;
            }
        }));

        Assert.Single(both, b => b is not null);
        Assert.Equal(50, f.Points().CurrentPoints);
        Assert.Single(f.All<UserRedemption>());
        Assert.True((await f.Engine.CheckLedgerAsync(f.TenantId, None)).IsClean);
    }

    [Fact]
    public async Task An_instant_reward_is_approved_at_once_with_a_code_and_spending_lowers_no_lifetime_level_or_board()
    {
        using var f = PointsFixture.InMemory();
        var reward = f.AddReward(cost: 120, stock: 5, validityDays: 14);
        await GiveAsync(f, f.AgentId, 300);
        var before = f.Points();
        var level = f.Level();
        var board = (await f.LeaderboardService().GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Weekly))).UserRank!.Points;

        var result = await f.RewardService().RedeemAsync(f.AgentId, reward, 2);

        Assert.True(result.Success);
        Assert.Equal(RedemptionStatus.Approved, result.Status);
        Assert.Equal(240, result.PointsSpent);
        Assert.Equal(60, result.CurrentPoints);
        Assert.Matches("^RWD-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", result.RedemptionCode!);
        Assert.Equal(f.Clock.GetUtcNow().AddDays(14), result.ExpiryDate);
        Assert.Equal($"Show {result.RedemptionCode} at reception", result.Details);
        Assert.Equal(3, Stock(f, reward));
        var after = f.Points();
        Assert.Equal((60L, before.LifetimePoints), (after.CurrentPoints, after.LifetimePoints));
        Assert.Equal(level, f.Level());
        var entry = Assert.Single(f.Ledger(), t => t.Type == TransactionType.Redemption);
        Assert.Equal((-240L, TransactionSource.Redemption, result.RedemptionId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.Points, entry.SourceType, entry.SourceId));
        Assert.Equal(board, (await f.LeaderboardService().GetAsync(f.AgentId, new LeaderboardQuery(LeaderboardPeriod.Weekly))).UserRank!.Points);
        Assert.Equal("Redeemed 2 x Team lunch: -240", f.Notifications.Published[^1].Message);
        Assert.Equal((TransactionType.Redemption, -240L, "Redeemed 2 x Team lunch"),
            (f.Notifications.Published[^1].EntryType, f.Notifications.Published[^1].EntryPoints, f.Notifications.Published[^1].EntryReason));
    }

    [Fact]
    public async Task Approval_issues_a_unique_code_and_tells_the_agent_and_the_agent_confirms_receipt()
    {
        using var f = PointsFixture.InMemory();
        var reward = f.AddReward(cost: 100, approval: true, validityDays: 7);
        var shop = await ShopWithAsync(f, 100);

        var pending = await shop.RedeemAsync(f.AgentId, reward, 1);
        Assert.Equal((RedemptionStatus.Pending, (string?)null, 0L), (pending.Status, pending.RedemptionCode, pending.CurrentPoints));
        var queued = Assert.Single(await shop.QueueAsync());
        Assert.Equal((pending.RedemptionId, "Agent agent-01", 100L), (queued.Id, queued.DisplayName, queued.PointsSpent));

        f.Clock.Advance(TimeSpan.FromHours(2));
        var approved = await shop.ApproveAsync(pending.RedemptionId, "admin-1");

        Assert.Equal(RedemptionStatus.Approved, approved.Status);
        Assert.StartsWith("RWD-", approved.Code, StringComparison.Ordinal);
        Assert.Equal(f.Clock.GetUtcNow().AddDays(7), approved.ExpiryDate);
        Assert.Empty(await shop.QueueAsync());
        Assert.Contains("Team lunch was approved", f.Notifications.Published[^1].Message, StringComparison.Ordinal);
        Assert.Equal(f.AgentId, f.Notifications.Published[^1].UserId);
        var again = await Assert.ThrowsAsync<DomainException>(() => shop.ApproveAsync(pending.RedemptionId, "admin-2"));
        Assert.Equal(DomainErrorKind.Conflict, again.Kind);

        var done = await shop.CompleteAsync(f.AgentId, pending.RedemptionId);
        Assert.Equal(RedemptionStatus.Completed, done.Status);
        Assert.NotNull(done.CompletedAt);
        Assert.Equal(DomainErrorKind.Conflict, (await Assert.ThrowsAsync<DomainException>(() => shop.CompleteAsync(f.AgentId, pending.RedemptionId))).Kind);
        var other = f.AddAgent("agent-b");
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => shop.CompleteAsync(other, pending.RedemptionId))).Kind);
    }

    [Fact]
    public async Task Rejection_refunds_the_points_restores_the_stock_and_keeps_the_reason()
    {
        using var f = PointsFixture.InMemory();
        var reward = f.AddReward(cost: 100, stock: 3, approval: true);
        var shop = await ShopWithAsync(f, 250);
        var pending = await shop.RedeemAsync(f.AgentId, reward, 2);
        Assert.Equal((50L, 1), (f.Points().CurrentPoints, Stock(f, reward)));

        await Assert.ThrowsAsync<DomainException>(() => shop.RejectAsync(pending.RedemptionId, " ", "admin-1"));
        Assert.Equal(RedemptionStatus.Pending, f.All<UserRedemption>().Single().Status);

        var rejected = await shop.RejectAsync(pending.RedemptionId, "Out of budget this month", "admin-1");

        Assert.Equal((RedemptionStatus.Rejected, "Out of budget this month"), (rejected.Status, rejected.RejectionReason));
        Assert.Equal((250L, 250L), (f.Points().CurrentPoints, f.Points().LifetimePoints));
        Assert.Equal(3, Stock(f, reward));
        var refund = Assert.Single(f.Ledger(), t => t.Type == TransactionType.RedemptionRefund);
        Assert.Equal(200, refund.Points);
        Assert.Equal(250, f.Notifications.Published[^1].CurrentPoints);
        Assert.Equal((TransactionType.RedemptionRefund, 200L, "Refund: Team lunch was not approved (Out of budget this month)"),
            (f.Notifications.Published[^1].EntryType, f.Notifications.Published[^1].EntryPoints, f.Notifications.Published[^1].EntryReason));
        Assert.Equal(DomainErrorKind.Conflict, (await Assert.ThrowsAsync<DomainException>(() => shop.RejectAsync(pending.RedemptionId, "Twice", "admin-1"))).Kind);
        Assert.Equal(DomainErrorKind.Conflict, (await Assert.ThrowsAsync<DomainException>(() => shop.ApproveAsync(pending.RedemptionId, "admin-1"))).Kind);
        Assert.Equal(250, f.Points().CurrentPoints);
        Assert.True((await f.Engine.CheckLedgerAsync(f.TenantId, None)).IsClean);
    }

    [Fact]
    public async Task Unlimited_stock_stays_unlimited_through_redemption_and_rejection()
    {
        using var f = PointsFixture.InMemory();
        var reward = f.AddReward(cost: 10, approval: true);
        var shop = await ShopWithAsync(f, 100);
        var pending = await shop.RedeemAsync(f.AgentId, reward, 3);
        Assert.Equal(-1, Stock(f, reward));
        await shop.RejectAsync(pending.RedemptionId, "No", "admin-1");
        Assert.Equal(-1, Stock(f, reward));
    }

    [Fact]
    public async Task The_expiry_job_expires_unused_approved_codes_once_without_refund()
    {
        using var f = PointsFixture.InMemory();
        var reward = f.AddReward(cost: 10, validityDays: 3);
        var shop = await ShopWithAsync(f, 100);
        var used = await shop.RedeemAsync(f.AgentId, reward, 1);
        var unused = await shop.RedeemAsync(f.AgentId, reward, 1);
        await shop.CompleteAsync(f.AgentId, used.RedemptionId);

        f.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await shop.ExpireAllAsync());
        f.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await shop.ExpireAllAsync());
        Assert.Equal(0, await shop.ExpireAllAsync());

        var history = await shop.HistoryAsync(f.AgentId);
        Assert.Equal(RedemptionStatus.Expired, history.Single(h => h.Id == unused.RedemptionId).Status);
        Assert.Equal(RedemptionStatus.Completed, history.Single(h => h.Id == used.RedemptionId).Status);
        Assert.Equal(80, f.Points().CurrentPoints);
        Assert.DoesNotContain(f.Ledger(), t => t.Type == TransactionType.RedemptionRefund);
    }

    [Fact]
    public async Task An_approved_code_past_its_date_cannot_be_confirmed()
    {
        using var f = PointsFixture.InMemory();
        var reward = f.AddReward(cost: 10, validityDays: 1);
        var shop = await ShopWithAsync(f, 100);
        var redeemed = await shop.RedeemAsync(f.AgentId, reward, 1);
        f.Clock.Advance(TimeSpan.FromDays(2));
        var error = await Assert.ThrowsAsync<DomainException>(() => shop.CompleteAsync(f.AgentId, redeemed.RedemptionId));
        Assert.Equal(DomainErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void Codes_are_unique_across_ten_thousand_issued_and_drawn_from_an_unambiguous_alphabet()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => RewardRules.NewCode()).ToList();

        Assert.Equal(10_000, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^RWD-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", c));
        // Every character of the alphabet turns up (a biased or broken source would not spread like this).
        Assert.Equal(32, codes.SelectMany(c => c.Replace("RWD-", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)).Distinct().Count());
    }

    [Fact]
    public async Task The_database_refuses_a_code_issued_twice()
    {
        using var f = PointsFixture.InMemory();
        var reward = f.AddReward(cost: 10);
        await GiveAsync(f, f.AgentId, 100);
        var redeemed = await f.RewardService().RedeemAsync(f.AgentId, reward, 1);
        using var db = f.CreateContext();
        db.UserRedemptions.Add(new UserRedemption
        {
            TenantId = f.TenantId,
            UserId = f.AgentId,
            RewardItemId = reward,
            PointsSpent = 10,
            Status = RedemptionStatus.Approved,
            RedemptionCode = redeemed.RedemptionCode,
            CreatedAt = f.Clock.GetUtcNow(),
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    public static TheoryData<string, int, DomainErrorKind, string> BadRedemptions => new()
    {
        { "quantity 0", 0, DomainErrorKind.Validation, "quantity" },
        { "quantity 21", 21, DomainErrorKind.Validation, "quantity" },
        { "too expensive", 3, DomainErrorKind.Validation, "points" },
    };

    [Theory]
    [MemberData(nameof(BadRedemptions))]
    public async Task Bad_redemptions_are_refused_with_nothing_changed(string what, int quantity, DomainErrorKind kind, string field)
    {
        using var f = PointsFixture.InMemory();
        var reward = f.AddReward(cost: 100, stock: 5);
        await GiveAsync(f, f.AgentId, 250);

        var error = await Assert.ThrowsAsync<DomainException>(() => f.RewardService().RedeemAsync(f.AgentId, reward, quantity));

        Assert.Equal(kind, error.Kind);
        Assert.True(error.Errors!.ContainsKey(field), what);
        AssertNothingChanged(f, reward, 5, 250);
    }

    [Fact]
    public async Task Inactive_out_of_stock_unknown_and_another_tenants_rewards_are_refused_with_nothing_changed()
    {
        using var f = PointsFixture.InMemory();
        var inactive = f.AddReward(cost: 10, stock: 5, active: false);
        var soldOut = f.AddReward(cost: 10, stock: 0, name: "Mug");
        var few = f.AddReward(cost: 10, stock: 2, name: "Hoodie");
        var shop = await ShopWithAsync(f, 250);
        var (_, theirs, _) = AnotherTenant(f);

        Assert.Equal(DomainErrorKind.Conflict, (await Assert.ThrowsAsync<DomainException>(() => shop.RedeemAsync(f.AgentId, inactive, 1))).Kind);
        var sold = await Assert.ThrowsAsync<DomainException>(() => shop.RedeemAsync(f.AgentId, soldOut, 1));
        Assert.Equal((DomainErrorKind.Conflict, "Mug is out of stock."), (sold.Kind, sold.Message));
        var short3 = await Assert.ThrowsAsync<DomainException>(() => shop.RedeemAsync(f.AgentId, few, 3));
        Assert.Equal("Only 2 of Hoodie left.", short3.Message);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => shop.RedeemAsync(f.AgentId, 999_999, 1))).Kind);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => shop.RedeemAsync(f.AgentId, theirs, 1))).Kind);

        Assert.Equal(250, f.Points().CurrentPoints);
        Assert.DoesNotContain(f.All<UserRedemption>(), r => r.TenantId == f.TenantId);
        Assert.Equal(2, Stock(f, few));
        Assert.Equal(-1, Stock(f, theirs));
    }

    [Fact]
    public async Task Another_tenants_redemption_is_not_found_to_approve_reject_or_complete()
    {
        using var f = PointsFixture.InMemory();
        var (stranger, _, redemption) = AnotherTenant(f);
        var shop = f.RewardService();

        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => shop.ApproveAsync(redemption, "admin"))).Kind);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => shop.RejectAsync(redemption, "No", "admin"))).Kind);
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => shop.CompleteAsync(stranger, redemption))).Kind);
        Assert.Empty(await shop.QueueAsync(null));
        Assert.Equal(RedemptionStatus.Pending, f.All<UserRedemption>().Single().Status);
    }

    [Fact]
    public async Task The_per_agent_limit_counts_within_the_local_month_and_ignores_rejected_ones()
    {
        // Berlin: 31 March 23:30 local is still March; 00:30 on 1 April local is a new month.
        using var f = PointsFixture.InMemory("Europe/Berlin");
        f.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 21, 30, 0, TimeSpan.Zero));
        var reward = f.AddReward(cost: 10, limit: 1, period: RewardLimitPeriod.Month, approval: true);
        var shop = await ShopWithAsync(f, 100);

        var first = await shop.RedeemAsync(f.AgentId, reward, 1);
        var limit = await Assert.ThrowsAsync<DomainException>(() => shop.RedeemAsync(f.AgentId, reward, 1));
        Assert.Equal("You have reached the limit for Team lunch: 1 per month.", limit.Message);
        Assert.Equal("Limit reached: 1 per month", (await shop.ShopAsync(f.AgentId)).Items.Single().Blocker);

        await shop.RejectAsync(first.RedemptionId, "Wrong month", "admin-1");
        var retry = await shop.RedeemAsync(f.AgentId, reward, 1);

        f.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 31, 22, 30, 0, TimeSpan.Zero));
        var april = await shop.RedeemAsync(f.AgentId, reward, 1);
        Assert.NotEqual(retry.RedemptionId, april.RedemptionId);
        Assert.Equal(0, (await shop.ShopAsync(f.AgentId)).Items.Single().RemainingForAgent);
    }

    [Fact]
    public async Task The_shop_tells_each_agent_what_they_can_afford_and_what_stands_in_the_way()
    {
        using var f = PointsFixture.InMemory();
        var cheap = f.AddReward(cost: 50, name: "Coffee");
        var dear = f.AddReward(cost: 500, name: "Conference ticket");
        var gone = f.AddReward(cost: 20, stock: 0, name: "Mug");
        f.AddReward(cost: 5, active: false, name: "Retired");
        await GiveAsync(f, f.AgentId, 120);

        var shop = await f.RewardService().ShopAsync(f.AgentId);

        Assert.Equal(120, shop.CurrentPoints);
        Assert.Equal(["Mug", "Coffee", "Conference ticket"], shop.Items.Select(i => i.Reward.Name));
        var coffee = shop.Items.Single(i => i.Reward.Id == cheap);
        Assert.Equal((true, 0L, true, true, (string?)null), (coffee.Affordable, coffee.PointsShort, coffee.InStock, coffee.CanRedeem, coffee.Blocker));
        var ticket = shop.Items.Single(i => i.Reward.Id == dear);
        Assert.Equal((false, 380L, false, "You need 380 more points"), (ticket.Affordable, ticket.PointsShort, ticket.CanRedeem, ticket.Blocker));
        var mug = shop.Items.Single(i => i.Reward.Id == gone);
        Assert.Equal((false, false, "Out of stock"), (mug.InStock, mug.CanRedeem, mug.Blocker));
        Assert.Single((await f.RewardService().ShopAsync(f.AgentId, RewardCategory.Experience, featured: false)).Items, i => i.Reward.Id == cheap);
    }

    [Fact]
    public async Task An_edit_made_on_a_stale_form_does_not_undo_redemptions_and_stock_changes_are_recorded()
    {
        using var f = PointsFixture.InMemory();
        var reward = f.AddReward(cost: 10, stock: 10);
        var shop = await ShopWithAsync(f, 100);
        var form = await shop.GetAsync(reward);
        await shop.RedeemAsync(f.AgentId, reward, 1);
        var input = new RewardInput(form.Name, form.Description, form.ImageUrl, form.Category, 12, form.Stock, form.Featured,
            form.RequiresApproval, form.CodeValidityDays, form.RedemptionDetails, form.PerAgentLimit, form.LimitPeriod);

        var stale = await Assert.ThrowsAsync<DomainException>(() => shop.UpdateAsync(reward, input, "admin-1", stockSeen: form.Stock));
        Assert.Equal(DomainErrorKind.Conflict, stale.Kind);
        Assert.Equal((9, 10), (Stock(f, reward), f.All<RewardItem>().Single().PointsCost));

        await shop.UpdateAsync(reward, input with { Stock = 20 }, "admin-1", stockSeen: 9);
        await shop.AdjustStockAsync(reward, -5, "Damaged in transit", "admin-1");
        Assert.Equal(DomainErrorKind.Validation, (await Assert.ThrowsAsync<DomainException>(() => shop.AdjustStockAsync(reward, -16, "Too many", "admin-1"))).Kind);

        Assert.Equal(15, Stock(f, reward));
        var history = await shop.StockHistoryAsync(reward);
        Assert.Equal([("Damaged in transit", (int?)20, 15), ("Set in the editor", 9, 20)], history.Select(h => (h.Reason, h.StockBefore, h.StockAfter)));
    }

    /// <summary>Another tenant in the same database: a person, a reward and their pending redemption.</summary>
    private static (string UserId, long RewardId, long RedemptionId) AnotherTenant(PointsFixture f)
    {
        var tenant = Guid.NewGuid();
        var stranger = Guid.NewGuid().ToString();
        using var db = f.CreateContext();
        db.Tenants.Add(new Core.Tenants.Tenant { Id = tenant, Name = "Other", TimeZoneId = "UTC", CreatedAt = PointsFixture.Start });
        db.Users.Add(new Core.Users.ApplicationUser { Id = stranger, TenantId = tenant, UserName = "s@o.test", DisplayName = "Stranger", CreatedAt = PointsFixture.Start });
        var reward = new RewardItem { TenantId = tenant, Name = "Their lunch", PointsCost = 10, Stock = -1, RequiresApproval = true, CreatedAt = PointsFixture.Start };
        db.RewardItems.Add(reward);
        db.SaveChanges();
        var redemption = new UserRedemption { TenantId = tenant, UserId = stranger, RewardItemId = reward.Id, PointsSpent = 10, Status = RedemptionStatus.Pending, CreatedAt = PointsFixture.Start };
        db.UserRedemptions.Add(redemption);
        db.SaveChanges();
        return (stranger, reward.Id, redemption.Id);
    }

    private static void AssertNothingChanged(PointsFixture f, long reward, int stock, long points)
    {
        Assert.Equal(points, f.Points().CurrentPoints);
        Assert.Equal(stock, Stock(f, reward));
        Assert.Empty(f.All<UserRedemption>());
        Assert.DoesNotContain(f.Ledger(), t => t.Type == TransactionType.Redemption);
    }
}
