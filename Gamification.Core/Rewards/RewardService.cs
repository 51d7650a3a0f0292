namespace Gamification.Core.Rewards;

/// <summary>
/// The rewards shop (RULES.md, Rewards and redemption): the tenant's catalog (admins create, edit, deactivate and
/// adjust stock, each stock change recorded), the agent's shop and history, and the approval queue. Reads and admin
/// writes go through the current tenant's filter; redemptions and refunds move points, so they run as units of the engine (<see cref="Redemptions"/>).
/// </summary>
public sealed class RewardService(IDbContextFactory<GamificationDbContext> dbFactory, PointsEngine engine, TimeProvider clock, ILogger<RewardService> logger)
{
    // ----- Catalog (admins) -----

    /// <summary>The catalog for admins: every reward (inactive ones with <paramref name="includeInactive"/>), with its pending count.</summary>
    public async Task<IReadOnlyList<RewardView>> ListAsync(bool includeInactive = true, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rewards = db.RewardItems.AsNoTracking();
        if (!includeInactive)
        {
            rewards = rewards.Where(r => r.IsActive);
        }
        var rows = await rewards.OrderByDescending(r => r.IsActive).ThenBy(r => r.Category).ThenBy(r => r.PointsCost).ThenBy(r => r.Name).ToListAsync(ct);
        var pending = await PendingCountsAsync(db, ct);
        return rows.Select(r => View(r, pending.GetValueOrDefault(r.Id))).ToList();
    }

    /// <exception cref="DomainException">Not in the current tenant (404).</exception>
    public async Task<RewardView> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reward = await db.RewardItems.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw DomainException.NotFound("The reward");
        return View(reward, await db.UserRedemptions.CountAsync(r => r.RewardItemId == id && r.Status == RedemptionStatus.Pending, ct));
    }

    /// <exception cref="DomainException">Invalid fields (400, all at once).</exception>
    public async Task<RewardView> CreateAsync(RewardInput input, string? adminUserId, CancellationToken ct = default)
    {
        RewardRules.Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var reward = new RewardItem { TenantId = db.TenantId, CreatedAt = now, Version = 1 };
        Apply(reward, input);
        reward.Stock = input.Stock;
        // Under the provider's execution strategy: a server provider that retries transient failures refuses a
        // transaction begun outside it, and a retry starts again from a clean context.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            reward.Id = 0;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.RewardItems.Add(reward);
            await db.SaveChangesAsync(ct);
            db.RewardStockChanges.Add(new RewardStockChange
            {
                TenantId = db.TenantId,
                RewardItemId = reward.Id,
                StockBefore = null,
                StockAfter = reward.Stock,
                Reason = "Created",
                ByUserId = adminUserId,
                At = now,
            });
            db.Record(now, AuditKind.RewardCreated, "reward", reward.Id.ToString(CultureInfo.InvariantCulture), $"Created the reward {reward.Name}",
                null, Audited(reward), adminUserId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        logger.LogInformation("Reward {RewardId} '{Name}' created in tenant {TenantId}", reward.Id, reward.Name, db.TenantId);
        return View(reward, 0);
    }

    /// <summary>
    /// Edits a reward. A different stock is set as given and recorded. <paramref name="stockSeen"/> is the stock the
    /// admin's form showed: when redemptions moved it meanwhile the edit is refused (409) rather than undo them.
    /// </summary>
    /// <exception cref="DomainException">Invalid fields (400), not in the tenant (404), changed meanwhile (409).</exception>
    public async Task<RewardView> UpdateAsync(long id, RewardInput input, string? adminUserId, int? stockSeen = null, CancellationToken ct = default)
    {
        RewardRules.Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reward = await db.RewardItems.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw DomainException.NotFound("The reward");
        var before = reward.Stock;
        if (stockSeen is { } seen && seen != before)
        {
            throw new DomainException(DomainErrorKind.Conflict,
                $"The stock of {reward.Name} changed meanwhile ({FormatStock(seen)} when you opened it, {FormatStock(before)} now); open it again.");
        }
        var audited = Audited(reward);
        Apply(reward, input);
        if (input.Stock != before)
        {
            reward.Stock = input.Stock;
            db.RewardStockChanges.Add(new RewardStockChange
            {
                TenantId = db.TenantId,
                RewardItemId = id,
                StockBefore = before,
                StockAfter = input.Stock,
                Reason = "Set in the editor",
                ByUserId = adminUserId,
                At = clock.GetUtcNow(),
            });
        }
        reward.Version++;
        db.Record(clock.GetUtcNow(), AuditKind.RewardChanged, "reward", reward.Id.ToString(CultureInfo.InvariantCulture), $"Changed the reward {reward.Name}",
            audited, Audited(reward), adminUserId);
        await SaveAsync(db, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Adds to (or, negative, takes from) a limited reward's stock with a reason; recorded.</summary>
    /// <exception cref="DomainException">Zero change, unlimited stock, a result below zero or missing reason (400), unknown reward (404).</exception>
    public async Task<RewardView> AdjustStockAsync(long id, int change, string reason, string? adminUserId, CancellationToken ct = default)
    {
        var text = RewardRules.ValidateReason(reason, "stock adjustment");
        if (change == 0 || Math.Abs(change) > RewardRules.MaxStock)
        {
            throw DomainException.Invalid("change", $"The change is a number of items, not zero (at most {RewardRules.MaxStock:N0} either way).");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reward = await db.RewardItems.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw DomainException.NotFound("The reward");
        if (reward.Stock == -1)
        {
            throw DomainException.Invalid("change", $"{reward.Name} has unlimited stock; set a number in the editor first.");
        }
        if (reward.Stock + change is < 0 or > RewardRules.MaxStock)
        {
            throw DomainException.Invalid("change", $"{reward.Name} has {reward.Stock} left; the stock cannot go below 0.");
        }
        var before = reward.Stock;
        reward.Stock += change;
        reward.Version++;
        db.RewardStockChanges.Add(new RewardStockChange
        {
            TenantId = db.TenantId,
            RewardItemId = id,
            StockBefore = before,
            StockAfter = reward.Stock,
            Reason = text,
            ByUserId = adminUserId,
            At = clock.GetUtcNow(),
        });
        db.Record(clock.GetUtcNow(), AuditKind.StockChanged, "reward", reward.Id.ToString(CultureInfo.InvariantCulture),
            $"{(change > 0 ? "Added" : "Took")} {Math.Abs(change):N0} {(change > 0 ? "to" : "from")} the stock of {reward.Name}: {text}",
            new { Stock = before }, new { reward.Stock }, adminUserId);
        await SaveAsync(db, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Activates or deactivates a reward (deactivated: out of the shop; pending and issued redemptions stay).</summary>
    /// <exception cref="DomainException">Not in the tenant (404).</exception>
    public async Task<RewardView> SetActiveAsync(long id, bool active, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reward = await db.RewardItems.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw DomainException.NotFound("The reward");
        var audited = Audited(reward);
        reward.IsActive = active;
        reward.Version++;
        db.Record(clock.GetUtcNow(), AuditKind.RewardChanged, "reward", reward.Id.ToString(CultureInfo.InvariantCulture),
            $"{(active ? "Reactivated" : "Deactivated")} the reward {reward.Name}", audited, Audited(reward));
        await SaveAsync(db, ct);
        return await GetAsync(id, ct);
    }

    /// <summary>A reward's recorded stock changes, newest first.</summary>
    /// <exception cref="DomainException">Not in the tenant (404).</exception>
    public async Task<IReadOnlyList<StockAdjustmentView>> StockHistoryAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.RewardItems.AnyAsync(r => r.Id == id, ct))
        {
            throw DomainException.NotFound("The reward");
        }
        return await db.RewardStockChanges.AsNoTracking().Where(s => s.RewardItemId == id).OrderByDescending(s => s.At).ThenByDescending(s => s.Id)
            .Select(s => new StockAdjustmentView(s.Id, s.RewardItemId, s.StockBefore, s.StockAfter, s.Reason, s.ByUserId, s.At))
            .ToListAsync(ct);
    }

    // ----- The agent's shop -----

    /// <summary>
    /// The agent's shop: active rewards (filtered), featured first then by cost, each with whether they can redeem it and
    /// whether it is trending (over the whole shop, whatever the filters).
    /// </summary>
    public async Task<Shop> ShopAsync(string userId, RewardCategory? category = null, bool? featured = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = await TenantRules.LoadClockAsync(db, db.TenantId, ct);
        var today = zone.LocalDay(clock.GetUtcNow());
        var rewards = db.RewardItems.AsNoTracking().Where(r => r.IsActive);
        if (category is { } c)
        {
            rewards = rewards.Where(r => r.Category == c);
        }
        if (featured is { } f)
        {
            rewards = rewards.Where(r => r.Featured == f);
        }
        var rows = await rewards.OrderByDescending(r => r.Featured).ThenBy(r => r.PointsCost).ThenBy(r => r.Name).ToListAsync(ct);
        var points = await db.UserPoints.AsNoTracking().Where(p => p.UserId == userId).Select(p => (long?)p.CurrentPoints).FirstOrDefaultAsync(ct) ?? 0;
        var limited = rows.Where(r => r.PerAgentLimit is not null).ToList();
        var used = new Dictionary<long, int>();
        if (limited.Count > 0)
        {
            var ids = limited.Select(r => r.Id).ToList();
            var mine = await db.UserRedemptions.AsNoTracking()
                .Where(r => r.UserId == userId && r.Status != RedemptionStatus.Rejected && EF.Parameter(ids).Contains(r.RewardItemId))
                .Select(r => new { r.RewardItemId, r.Quantity, r.CreatedAt }).ToListAsync(ct);
            foreach (var reward in limited)
            {
                var since = RewardRules.LimitWindowStart(reward.LimitPeriod, today) is { } first ? zone.DayStartUtc(first) : DateTimeOffset.MinValue;
                used[reward.Id] = mine.Where(m => m.RewardItemId == reward.Id && m.CreatedAt >= since).Sum(m => m.Quantity);
            }
        }
        var recent = await RecentRedemptionsAsync(db, zone, today, ct);
        var trending = RewardRules.Trending(recent.Values);
        var items = rows.Select(r =>
        {
            var shortBy = Math.Max(0, r.PointsCost - points);
            var inStock = r.Stock != 0;
            int? remaining = r.PerAgentLimit is { } limit ? Math.Max(0, limit - used.GetValueOrDefault(r.Id)) : null;
            var blocker = !inStock ? "Out of stock"
                : remaining == 0 ? $"Limit reached: {r.PerAgentLimit} {RewardRules.Describe(r.LimitPeriod, CultureInfo.InvariantCulture)}"
                : shortBy > 0 ? $"You need {shortBy:N0} more points"
                : null;
            // A link stored before RewardRules.IsImageUrl (http://, //host) is not shown to agents.
            var view = View(r, 0);
            if (!RewardRules.IsImageUrl(view.ImageUrl))
            {
                view = view with { ImageUrl = null };
            }
            return new ShopItem(view, shortBy == 0, shortBy, inStock, remaining, blocker is null, blocker,
                recent.TryGetValue(r.Id, out var count) ? count.Redemptions : 0, trending.Contains(r.Id));
        }).ToList();
        return new Shop(points, items);
    }

    /// <summary>
    /// The redemptions of each active reward in the trending window (the last <see cref="RewardRules.TrendingDays"/> local
    /// days up to now; rejected ones not counted; one per redemption whatever its quantity), with the latest one's id.
    /// </summary>
    private static async Task<Dictionary<long, (long RewardId, int Redemptions, long LatestRedemptionId)>> RecentRedemptionsAsync(
        GamificationDbContext db, TenantClock zone, DateOnly today, CancellationToken ct)
    {
        var since = zone.DayStartUtc(RewardRules.TrendingWindowStart(today));
        var counts = await db.UserRedemptions.AsNoTracking()
            .Where(r => r.CreatedAt >= since && r.Status != RedemptionStatus.Rejected && r.RewardItem!.IsActive)
            .GroupBy(r => r.RewardItemId)
            .Select(g => new { RewardId = g.Key, Count = g.Count(), Latest = g.Max(r => r.Id) })
            .ToListAsync(ct);
        return counts.ToDictionary(c => c.RewardId, c => (c.RewardId, c.Count, c.Latest));
    }

    /// <summary>Redeems for the agent of the current tenant (see <see cref="Redemptions.RedeemAsync"/>).</summary>
    public async Task<RedeemResult> RedeemAsync(string userId, long rewardId, int quantity, CancellationToken ct = default)
    {
        Guid tenantId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            tenantId = db.TenantId;
        }
        return await new Redemptions(engine).RedeemAsync(tenantId, userId, rewardId, quantity, ct);
    }

    /// <summary>The agent's redemptions, newest first.</summary>
    public async Task<IReadOnlyList<RedemptionView>> HistoryAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ViewsAsync(db, db.UserRedemptions.Where(r => r.UserId == userId), ct);
    }

    /// <summary>The agent confirms they received an approved reward.</summary>
    /// <exception cref="DomainException">Not theirs or not in the tenant (404), not approved or expired (409).</exception>
    public async Task<RedemptionView> CompleteAsync(string userId, long redemptionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var redemption = await db.UserRedemptions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == redemptionId && r.UserId == userId, ct)
            ?? throw DomainException.NotFound("The redemption");
        var now = clock.GetUtcNow();
        if (redemption.Status == RedemptionStatus.Approved && redemption.ExpiryDate is { } expiry && expiry <= now)
        {
            throw new DomainException(DomainErrorKind.Conflict, "This code has expired.");
        }
        var done = await db.UserRedemptions
            .Where(r => r.Id == redemptionId && r.Status == RedemptionStatus.Approved)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RedemptionStatus.Completed).SetProperty(r => r.CompletedAt, now), ct);
        if (done == 0)
        {
            throw new DomainException(DomainErrorKind.Conflict, redemption.Status == RedemptionStatus.Completed
                ? "You have already confirmed this one."
                : $"Only an approved redemption can be confirmed; this one is {redemption.Status.ToString().ToLowerInvariant()}.");
        }
        return await ViewAsync(db, redemptionId, ct);
    }

    // ----- The approval queue (admins) -----

    /// <summary>The tenant's redemptions with the given status (all when null): pending oldest first, the rest newest first.</summary>
    public async Task<IReadOnlyList<RedemptionView>> QueueAsync(RedemptionStatus? status = RedemptionStatus.Pending, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.UserRedemptions.AsQueryable();
        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }
        // The pending queue is worked oldest first: its 500 oldest; other statuses show the 500 newest.
        return await ViewsAsync(db, query, ct, take: 500, oldestFirst: status == RedemptionStatus.Pending);
    }

    /// <summary>
    /// Approves a pending redemption: issues a unique, unguessable code (cryptographic random) valid for the reward's
    /// days, and tells the agent live.
    /// </summary>
    /// <exception cref="DomainException">Not in the tenant (404), no longer pending (409).</exception>
    public async Task<RedemptionView> ApproveAsync(long redemptionId, string? adminUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var redemption = await db.UserRedemptions.AsNoTracking().Include(r => r.RewardItem).FirstOrDefaultAsync(r => r.Id == redemptionId, ct)
            ?? throw DomainException.NotFound("The redemption");
        if (redemption.Status != RedemptionStatus.Pending)
        {
            throw new DomainException(DomainErrorKind.Conflict, $"This redemption is {redemption.Status.ToString().ToLowerInvariant()}, not pending.");
        }
        var now = clock.GetUtcNow();
        var expiry = now.AddDays(redemption.RewardItem?.CodeValidityDays ?? 30);
        for (var attempt = 1; ; attempt++)
        {
            var code = RewardRules.NewCode();
            try
            {
                // Only a pending row is approved: a second admin's decision meanwhile changes nothing here.
                var done = await db.AtomicallyAsync(async () =>
                {
                    var rows = await db.UserRedemptions
                        .Where(r => r.Id == redemptionId && r.Status == RedemptionStatus.Pending)
                        .ExecuteUpdateAsync(s => s
                            .SetProperty(r => r.Status, RedemptionStatus.Approved)
                            .SetProperty(r => r.RedemptionCode, code)
                            .SetProperty(r => r.ExpiryDate, expiry)
                            .SetProperty(r => r.DecidedAt, now)
                            .SetProperty(r => r.DecidedByUserId, adminUserId), ct);
                    if (rows > 0)
                    {
                        var agent = await db.Users.Where(u => u.Id == redemption.UserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
                        // The code is the agent's: the trail says one was issued, not what it is.
                        db.Record(now, AuditKind.RedemptionApproved, "redemption", redemptionId.ToString(CultureInfo.InvariantCulture),
                            $"Approved {agent ?? "an agent"}'s redemption of {redemption.RewardItem?.Name ?? "a reward"}",
                            new { Status = RedemptionStatus.Pending }, new { Status = RedemptionStatus.Approved, CodeExpires = expiry }, adminUserId);
                    }
                    return rows;
                }, ct);
                if (done == 0)
                {
                    throw new DomainException(DomainErrorKind.Conflict, "This redemption was decided meanwhile.");
                }
                break;
            }
            catch (Exception ex) when (attempt < 3 && ex is DbUpdateException or System.Data.Common.DbException)
            {
                // A code clash (75 random bits: practically never) hits the unique index; draw another.
            }
        }
        await engine.NotifyAsync(db.TenantId, redemption.UserId,
            $"{redemption.RewardItem?.Name ?? "Your reward"} was approved: your code is ready", ct);
        logger.LogInformation("Redemption {RedemptionId} in tenant {TenantId} approved", redemptionId, db.TenantId);
        return await ViewAsync(db, redemptionId, ct);
    }

    /// <summary>Rejects a pending redemption with a reason: points refunded, stock restored, the agent told.</summary>
    /// <exception cref="DomainException">Missing reason (400), not in the tenant (404), no longer pending (409).</exception>
    public async Task<RedemptionView> RejectAsync(long redemptionId, string reason, string? adminUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await new Redemptions(engine).RejectAsync(db.TenantId, redemptionId, reason, adminUserId, ct);
        return await ViewAsync(db, redemptionId, ct);
    }

    /// <summary>Approves several; each succeeds or fails on its own.</summary>
    public async Task<IReadOnlyList<BulkOutcome>> ApproveManyAsync(IReadOnlyCollection<long> redemptionIds, string? adminUserId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(redemptionIds);
        var outcomes = new List<BulkOutcome>();
        foreach (var id in redemptionIds.Distinct())
        {
            try
            {
                outcomes.Add(new BulkOutcome(id, true, null, await ApproveAsync(id, adminUserId, ct)));
            }
            catch (DomainException ex)
            {
                outcomes.Add(new BulkOutcome(id, false, ex.Message, null));
            }
        }
        return outcomes;
    }

    /// <summary>Rejects several with one reason; each succeeds or fails on its own.</summary>
    /// <exception cref="DomainException">Missing reason (400), before anything changes.</exception>
    public async Task<IReadOnlyList<BulkOutcome>> RejectManyAsync(IReadOnlyCollection<long> redemptionIds, string reason, string? adminUserId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(redemptionIds);
        RewardRules.ValidateReason(reason, "rejection");
        var outcomes = new List<BulkOutcome>();
        foreach (var id in redemptionIds.Distinct())
        {
            try
            {
                outcomes.Add(new BulkOutcome(id, true, null, await RejectAsync(id, reason, adminUserId, ct)));
            }
            catch (DomainException ex)
            {
                outcomes.Add(new BulkOutcome(id, false, ex.Message, null));
            }
        }
        return outcomes;
    }

    // ----- Expiry (a job) -----

    /// <summary>Every tenant: approved codes past their expiry become expired (no refund). Idempotent: a code expires once.</summary>
    public async Task<int> ExpireAllAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var expired = await db.UserRedemptions.IgnoreQueryFilters()
            .Where(r => r.Status == RedemptionStatus.Approved && r.ExpiryDate != null && r.ExpiryDate <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RedemptionStatus.Expired), ct);
        if (expired > 0)
        {
            logger.LogInformation("{Count} unused reward code(s) expired", expired);
        }
        return expired;
    }

    // ----- Views -----

    private static async Task SaveAsync(GamificationDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(DomainErrorKind.Conflict, "The reward changed meanwhile (a redemption or another admin); open it again.");
        }
    }

    private static void Apply(RewardItem reward, RewardInput input)
    {
        reward.Name = input.Name.Trim();
        reward.Description = input.Description?.Trim() ?? "";
        reward.ImageUrl = string.IsNullOrWhiteSpace(input.ImageUrl) ? null : input.ImageUrl.Trim();
        reward.Category = input.Category;
        reward.PointsCost = input.PointsCost;
        reward.Featured = input.Featured;
        reward.RequiresApproval = input.RequiresApproval;
        reward.CodeValidityDays = input.CodeValidityDays;
        reward.RedemptionDetails = input.RedemptionDetails?.Trim() ?? "";
        reward.PerAgentLimit = input.PerAgentLimit;
        reward.LimitPeriod = input.LimitPeriod;
    }

    /// <summary>What the audit trail records of a reward (before and after an edit).</summary>
    private static object Audited(RewardItem r) => new
    {
        r.Name,
        r.Description,
        r.ImageUrl,
        r.Category,
        r.PointsCost,
        r.Stock,
        r.Featured,
        r.IsActive,
        r.RequiresApproval,
        r.CodeValidityDays,
        r.RedemptionDetails,
        r.PerAgentLimit,
        r.LimitPeriod,
    };

    private static RewardView View(RewardItem r, int pending) => new(
        r.Id, r.Name, r.Description, r.ImageUrl, r.Category, r.PointsCost, r.Stock, r.Featured, r.IsActive, r.RequiresApproval,
        r.CodeValidityDays, r.RedemptionDetails, r.PerAgentLimit, r.LimitPeriod, r.CreatedAt, pending);

    private static async Task<Dictionary<long, int>> PendingCountsAsync(GamificationDbContext db, CancellationToken ct) =>
        await db.UserRedemptions.Where(r => r.Status == RedemptionStatus.Pending).GroupBy(r => r.RewardItemId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    private static async Task<RedemptionView> ViewAsync(GamificationDbContext db, long redemptionId, CancellationToken ct) =>
        (await ViewsAsync(db, db.UserRedemptions.Where(r => r.Id == redemptionId), ct)).SingleOrDefault()
        ?? throw DomainException.NotFound("The redemption");

    private static string FormatStock(int stock) => stock == -1 ? "unlimited" : stock.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<List<RedemptionView>> ViewsAsync(GamificationDbContext db, IQueryable<UserRedemption> query, CancellationToken ct,
        int take = 1000, bool oldestFirst = false)
    {
        var joined = from r in query.AsNoTracking()
                     join i in db.RewardItems on r.RewardItemId equals i.Id
                     join u in db.Users on r.UserId equals u.Id
                     select new { Redemption = r, Reward = i, u.DisplayName };
        var ordered = oldestFirst
            ? joined.OrderBy(x => x.Redemption.CreatedAt).ThenBy(x => x.Redemption.Id)
            : joined.OrderByDescending(x => x.Redemption.CreatedAt).ThenByDescending(x => x.Redemption.Id);
        var rows = await ordered.Take(take).ToListAsync(ct);
        return rows.Select(x => new RedemptionView(
            x.Redemption.Id, x.Redemption.UserId, x.DisplayName, x.Reward.Id, x.Reward.Name, x.Reward.Category, x.Redemption.Quantity,
            x.Redemption.PointsSpent, x.Redemption.Status, x.Redemption.RedemptionCode,
            x.Redemption.RedemptionCode is { } code ? RewardRules.Details(x.Reward.RedemptionDetails, code) : null,
            x.Redemption.ExpiryDate, x.Redemption.RejectionReason, x.Redemption.CreatedAt, x.Redemption.DecidedAt, x.Redemption.CompletedAt)).ToList();
    }
}
