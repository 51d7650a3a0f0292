namespace Gamification.Core.Rewards;

public class RewardItem : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string? ImageUrl { get; set; }
    public RewardCategory Category { get; set; }
    public int PointsCost { get; set; }
    /// <summary>Items left; -1 is unlimited.</summary>
    public int Stock { get; set; } = -1;
    public bool Featured { get; set; }
    public bool IsActive { get; set; } = true;
    public bool RequiresApproval { get; set; }
    public int CodeValidityDays { get; set; } = 30;
    /// <summary>How the reward is delivered, e.g. a discount code template "SWAG-{code}" or a link.</summary>
    public string RedemptionDetails { get; set; } = "";
    /// <summary>Optional limit per agent within <see cref="LimitPeriod"/>; null is no limit.</summary>
    public int? PerAgentLimit { get; set; }
    public RewardLimitPeriod LimitPeriod { get; set; } = RewardLimitPeriod.Ever;
    public DateTimeOffset CreatedAt { get; set; }
    public long Version { get; set; }
}

public enum RewardCategory { Discount, Digital, Experience, Physical }

public enum RewardLimitPeriod { Ever, Month, Week }

/// <summary>A redemption (table user_redemption).</summary>
public class UserRedemption : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string UserId { get; set; } = "";
    public long RewardItemId { get; set; }
    public RewardItem? RewardItem { get; set; }
    public int Quantity { get; set; } = 1;
    public long PointsSpent { get; set; }
    public RedemptionStatus Status { get; set; }
    public string? RedemptionCode { get; set; }
    public DateTimeOffset? ExpiryDate { get; set; }
    public string? RejectionReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedByUserId { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public enum RedemptionStatus { Pending, Approved, Rejected, Completed, Expired }

/// <summary>A recorded change of a reward's stock by an admin (table reward_stock_change).</summary>
public class RewardStockChange : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public long RewardItemId { get; set; }
    /// <summary>The stock before (-1 unlimited); null when the reward was created.</summary>
    public int? StockBefore { get; set; }
    public int StockAfter { get; set; }
    public string Reason { get; set; } = "";
    public string? ByUserId { get; set; }
    public DateTimeOffset At { get; set; }
}
