namespace Gamification.Core.Rewards;

/// <summary>
/// Spending points (RULES.md, Rewards and redemption): a redemption and the refund of a rejected one move points, so
/// each runs as a unit of the points engine, with the agent's balance row locked, the same unique indexes and the
/// same retry as every other change of points. <see cref="RewardService"/> calls it for the current tenant; the demo
/// seeder for its own.
/// </summary>
internal sealed class Redemptions(PointsEngine engine)
{
    /// <summary>
    /// Redeems a reward in one unit (RULES.md, Rewards and redemption): with the agent's balance row locked, checks
    /// the quantity, the reward (this tenant's, active), the per-agent limit and the balance; reserves the stock with
    /// one conditional UPDATE (stock -1 is unlimited; no row updated means not enough left); writes the redemption
    /// and deducts the points (ledger type redemption: current points only, never lifetime, level or leaderboards).
    /// A reward without approval is approved at once and its code returned. Anything refused changes nothing.
    /// </summary>
    /// <exception cref="DomainException">Bad quantity, not enough points or over the limit (400), unknown reward (404), inactive or out of stock (409).</exception>
    public async Task<RedeemResult> RedeemAsync(Guid tenantId, string userId, long rewardId, int quantity, CancellationToken ct)
    {
        RewardRules.ValidateQuantity(quantity);
        RedeemResult? result = null;
        await engine.Units.RunAsync(tenantId, [userId], async (unit, ct2) =>
        {
            var user = unit.Require(userId);
            var db = unit.Db;
            var reward = await db.RewardItems.IgnoreQueryFilters().AsNoTracking()
                .FirstOrDefaultAsync(r => r.TenantId == tenantId && r.Id == rewardId, ct2)
                ?? throw DomainException.NotFound("The reward");
            if (!reward.IsActive)
            {
                throw new DomainException(DomainErrorKind.Conflict, $"{reward.Name} is no longer available.");
            }
            var cost = (long)reward.PointsCost * quantity;
            if (user.Points.CurrentPoints < cost)
            {
                throw DomainException.Invalid("points",
                    $"You need {cost - user.Points.CurrentPoints:N0} more points for {(quantity == 1 ? reward.Name : $"{quantity} x {reward.Name}")} ({cost:N0} points; you have {Math.Max(0, user.Points.CurrentPoints):N0}).");
            }
            if (reward.PerAgentLimit is { } limit)
            {
                var used = await UsedWithinLimitAsync(unit, reward, userId, ct2);
                if (used + quantity > limit)
                {
                    throw DomainException.Invalid("quantity", used >= limit
                        ? $"You have reached the limit for {reward.Name}: {limit} {RewardRules.Describe(reward.LimitPeriod, CultureInfo.InvariantCulture)}."
                        : $"You can redeem {limit - used} more of {reward.Name} ({limit} {RewardRules.Describe(reward.LimitPeriod, CultureInfo.InvariantCulture)}).");
                }
            }
            // The stock, reserved by one conditional UPDATE: its row lock (SQL Server) or the database write lock (SQLite)
            // holds until the commit, so a second redemption waits and then sees what this one left.
            var reserved = await db.RewardItems.IgnoreQueryFilters()
                .Where(r => r.TenantId == tenantId && r.Id == rewardId && r.IsActive && (r.Stock == -1 || r.Stock >= quantity))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Stock, r => r.Stock == -1 ? -1 : r.Stock - quantity)
                    .SetProperty(r => r.Version, r => r.Version + 1), ct2);
            if (reserved == 0)
            {
                throw new DomainException(DomainErrorKind.Conflict, reward.Stock == 0
                    ? $"{reward.Name} is out of stock."
                    : $"Only {Math.Max(0, reward.Stock)} of {reward.Name} left.");
            }

            var instant = !reward.RequiresApproval;
            var redemption = new UserRedemption
            {
                TenantId = tenantId,
                UserId = userId,
                RewardItemId = reward.Id,
                Quantity = quantity,
                PointsSpent = cost,
                Status = instant ? RedemptionStatus.Approved : RedemptionStatus.Pending,
                RedemptionCode = instant ? RewardRules.NewCode() : null,
                ExpiryDate = instant ? unit.Now.AddDays(reward.CodeValidityDays) : null,
                CreatedAt = unit.Now,
                DecidedAt = instant ? unit.Now : null,
            };
            db.UserRedemptions.Add(redemption);
            await db.SaveChangesAsync(ct2);
            unit.Post(user, new PointTransaction
            {
                Type = TransactionType.Redemption,
                BasePoints = (int)Math.Min(cost, int.MaxValue),
                UncappedPoints = -cost,
                Points = -cost,
                Reason = quantity == 1 ? $"Redeemed {reward.Name}" : $"Redeemed {quantity} x {reward.Name}",
                SourceType = TransactionSource.Redemption,
                SourceId = redemption.Id.ToString(CultureInfo.InvariantCulture),
                LocalDate = unit.Today,
            });
            result = new RedeemResult(true, redemption.Id, redemption.Status, cost, user.Points.CurrentPoints, redemption.RedemptionCode,
                redemption.ExpiryDate, redemption.RedemptionCode is { } code ? RewardRules.Details(reward.RedemptionDetails, code) : null);
            return true;
        }, ct);
        engine.Units.Logger.LogInformation("User {UserId} in tenant {TenantId} redeemed {Quantity} x reward {RewardId} ({Status})",
            userId, tenantId, quantity, rewardId, result!.Status);
        return result!;
    }

    /// <summary>How many of the reward the agent has redeemed (not rejected) within the limit's current window.</summary>
    private static async Task<int> UsedWithinLimitAsync(LedgerUnit unit, RewardItem reward, string userId, CancellationToken ct)
    {
        var redemptions = unit.Db.UserRedemptions.IgnoreQueryFilters()
            .Where(r => r.TenantId == unit.TenantId && r.UserId == userId && r.RewardItemId == reward.Id && r.Status != RedemptionStatus.Rejected);
        if (RewardRules.LimitWindowStart(reward.LimitPeriod, unit.Today) is { } first)
        {
            var since = unit.Clock.DayStartUtc(first);
            redemptions = redemptions.Where(r => r.CreatedAt >= since);
        }
        return await redemptions.SumAsync(r => (int?)r.Quantity, ct) ?? 0;
    }

    /// <summary>
    /// An admin rejects a pending redemption with a reason, in one unit: the redemption becomes rejected (only if it
    /// is still pending), its points come back (ledger type redemption_refund: current points only) and its stock is
    /// restored. The agent is told live.
    /// </summary>
    /// <exception cref="DomainException">Missing reason (400), unknown redemption (404), no longer pending (409).</exception>
    public async Task<UserRedemption> RejectAsync(Guid tenantId, long redemptionId, string reason, string? adminUserId, CancellationToken ct)
    {
        var text = RewardRules.ValidateReason(reason, "rejection");
        string userId;
        await using (var db = await engine.Units.DbFactory.CreateDbContextAsync(ct))
        {
            userId = await db.UserRedemptions.IgnoreQueryFilters().Where(r => r.TenantId == tenantId && r.Id == redemptionId)
                .Select(r => r.UserId).FirstOrDefaultAsync(ct)
                ?? throw DomainException.NotFound("The redemption");
        }
        UserRedemption? rejected = null;
        await engine.Units.RunAsync(tenantId, [userId], async (unit, ct2) =>
        {
            var user = unit.Require(userId, allowInactive: true);
            var db = unit.Db;
            var redemption = await db.UserRedemptions.IgnoreQueryFilters().AsNoTracking().Include(r => r.RewardItem)
                .FirstAsync(r => r.TenantId == tenantId && r.Id == redemptionId, ct2);
            if (redemption.Status != RedemptionStatus.Pending)
            {
                throw new DomainException(DomainErrorKind.Conflict, $"This redemption is {redemption.Status.ToString().ToLowerInvariant()}, not pending.");
            }
            redemption.Status = RedemptionStatus.Rejected;
            redemption.RejectionReason = text;
            redemption.DecidedAt = unit.Now;
            redemption.DecidedByUserId = adminUserId;
            // Only a pending row becomes rejected: a second admin's decision meanwhile fails this save and the unit.
            var decided = await db.UserRedemptions.IgnoreQueryFilters()
                .Where(r => r.Id == redemptionId && r.Status == RedemptionStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, RedemptionStatus.Rejected)
                    .SetProperty(r => r.RejectionReason, text)
                    .SetProperty(r => r.DecidedAt, unit.Now)
                    .SetProperty(r => r.DecidedByUserId, adminUserId), ct2);
            if (decided == 0)
            {
                throw new DomainException(DomainErrorKind.Conflict, "This redemption was decided meanwhile.");
            }
            await db.RewardItems.IgnoreQueryFilters()
                .Where(r => r.TenantId == tenantId && r.Id == redemption.RewardItemId && r.Stock != -1)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stock, r => r.Stock + redemption.Quantity).SetProperty(r => r.Version, r => r.Version + 1), ct2);
            var name = redemption.RewardItem?.Name ?? "a reward";
            unit.Post(user, new PointTransaction
            {
                Type = TransactionType.RedemptionRefund,
                BasePoints = (int)Math.Min(redemption.PointsSpent, int.MaxValue),
                UncappedPoints = redemption.PointsSpent,
                Points = redemption.PointsSpent,
                Reason = $"Refund: {name} was not approved ({text})",
                SourceType = TransactionSource.Redemption,
                SourceId = redemption.Id.ToString(CultureInfo.InvariantCulture),
                CreatedByUserId = adminUserId,
                LocalDate = unit.Today,
            });
            rejected = redemption;
            unit.Audit(() => unit.Db.NewAuditEntry(unit.Now, AuditKind.RedemptionRejected, "redemption", redemption.Id.ToString(CultureInfo.InvariantCulture),
                $"Rejected {user.DisplayName}'s redemption of {name} ({redemption.PointsSpent:N0} points refunded): {text}",
                new { Status = RedemptionStatus.Pending }, new { Status = RedemptionStatus.Rejected, Reason = text, PointsRefunded = redemption.PointsSpent },
                adminUserId, tenantId));
            return true;
        }, ct);
        engine.Units.Logger.LogInformation("Redemption {RedemptionId} in tenant {TenantId} rejected: {Reason}", redemptionId, tenantId, text);
        return rejected!;
    }
}
