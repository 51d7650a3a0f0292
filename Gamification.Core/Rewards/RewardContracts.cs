namespace Gamification.Core.Rewards;

/// <summary>What an admin enters for a reward (create and update).</summary>
/// <param name="Stock">Items available; -1 is unlimited. On update a different value is recorded as a stock adjustment.</param>
/// <param name="CodeValidityDays">How long an issued code stays valid (1-365 days).</param>
/// <param name="RedemptionDetails">How the reward is delivered, shown with the code: a template ("Use SWAG-{code} at the store") or a link.</param>
/// <param name="PerAgentLimit">At most this many per agent within <paramref name="LimitPeriod"/>; null is no limit.</param>
public sealed record RewardInput(
    string Name,
    string? Description,
    string? ImageUrl,
    RewardCategory Category,
    int PointsCost,
    int Stock,
    bool Featured,
    bool RequiresApproval,
    int CodeValidityDays,
    string? RedemptionDetails,
    int? PerAgentLimit,
    RewardLimitPeriod LimitPeriod);

/// <summary>A reward as admins see it.</summary>
public sealed record RewardView(
    long Id,
    string Name,
    string Description,
    string? ImageUrl,
    RewardCategory Category,
    int PointsCost,
    int Stock,
    bool Featured,
    bool IsActive,
    bool RequiresApproval,
    int CodeValidityDays,
    string RedemptionDetails,
    int? PerAgentLimit,
    RewardLimitPeriod LimitPeriod,
    DateTimeOffset CreatedAt,
    int PendingCount);

/// <summary>A reward in an agent's shop, with what stands between them and it.</summary>
/// <param name="Affordable">The agent's current points cover one.</param>
/// <param name="PointsShort">Points missing for one (0 when affordable).</param>
/// <param name="InStock">Stock is unlimited or at least one.</param>
/// <param name="RemainingForAgent">How many more the agent may redeem in the limit's period; null with no limit.</param>
/// <param name="CanRedeem">Affordable, in stock and within the limit.</param>
/// <param name="Blocker">Why not, in words ("You need 120 more points", "Out of stock", "Limit reached: 1 per month"); null when it can be redeemed.</param>
/// <param name="RedemptionsLast14Days">
/// The tenant's redemptions of this reward in the last <see cref="RewardRules.TrendingDays"/> local days, today included
/// (everyone's, rejected ones not counted; a redemption of several counts once).
/// </param>
/// <param name="Trending">Among the <see cref="RewardRules.TrendingCount"/> most redeemed in those days (<see cref="RewardRules.Trending"/>).</param>
public sealed record ShopItem(
    RewardView Reward, bool Affordable, long PointsShort, bool InStock, int? RemainingForAgent, bool CanRedeem, string? Blocker,
    int RedemptionsLast14Days, bool Trending);

/// <summary>An agent's shop: their spendable points and the active rewards (featured first, then by cost).</summary>
public sealed record Shop(long CurrentPoints, IReadOnlyList<ShopItem> Items);

/// <summary>A redemption, for its agent and for admins.</summary>
/// <param name="Details">The reward's redemption details with the code filled in; only once a code is issued.</param>
public sealed record RedemptionView(
    long Id,
    string UserId,
    string DisplayName,
    long RewardId,
    string RewardName,
    RewardCategory Category,
    int Quantity,
    long PointsSpent,
    RedemptionStatus Status,
    string? Code,
    string? Details,
    DateTimeOffset? ExpiryDate,
    string? RejectionReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    DateTimeOffset? CompletedAt);

/// <summary>The answer to a redemption (the guide's example): pending ones have no code yet.</summary>
public sealed record RedeemResult(
    bool Success,
    long RedemptionId,
    RedemptionStatus Status,
    long PointsSpent,
    long CurrentPoints,
    string? RedemptionCode,
    DateTimeOffset? ExpiryDate,
    string? Details)
{
    /// <summary>The code under the guide's name (the same as <see cref="RedemptionCode"/>).</summary>
    public string? Code => RedemptionCode;

    /// <summary>The expiry under the guide's name (the same as <see cref="ExpiryDate"/>).</summary>
    public DateTimeOffset? Expiry => ExpiryDate;
}

/// <summary>A recorded change of a reward's stock (admin adjustments and edits; redemptions are in the redemptions).</summary>
public sealed record StockAdjustmentView(long Id, long RewardId, int? StockBefore, int StockAfter, string Reason, string? ByUserId, DateTimeOffset At);

/// <summary>The outcome for one redemption of a bulk approve or reject.</summary>
public sealed record BulkOutcome(long RedemptionId, bool Succeeded, string? Error, RedemptionView? Redemption);
