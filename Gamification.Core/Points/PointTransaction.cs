namespace Gamification.Core.Points;

/// <summary>One append-only ledger entry (table point_transactions). The ledger is the truth; balances are its projection.</summary>
public class PointTransaction : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string UserId { get; set; } = "";
    public TransactionType Type { get; set; }

    public int BasePoints { get; set; }
    public decimal Multiplier { get; set; } = 1m;
    public decimal StreakMultiplier { get; set; } = 1m;
    public int Bonus { get; set; }
    /// <summary>What the rule computed before the daily cap.</summary>
    public long UncappedPoints { get; set; }
    /// <summary>What was credited (negative for spending, decay and revocation).</summary>
    public long Points { get; set; }
    public string Reason { get; set; } = "";

    public TransactionSource SourceType { get; set; }
    /// <summary>Event id, badge id, challenge id + window, redemption id, dispute id or admin user id, by <see cref="SourceType"/>.</summary>
    public string? SourceId { get; set; }
    public string? CreatedByUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The tenant-local day the entry counts on.</summary>
    public DateOnly LocalDate { get; set; }
}

public enum TransactionType
{
    Activity,
    BadgeReward,
    ChallengeReward,
    LevelUp,
    AdminAward,
    AdminRevoke,
    Decay,
    Redemption,
    RedemptionRefund,
}

public enum TransactionSource
{
    ActivityEvent,
    Badge,
    Challenge,
    Level,
    Admin,
    Decay,
    Redemption,
    /// <summary>An admin award paying an accepted dispute; the source id is the dispute's id (paid once: a unique index).</summary>
    Dispute,
}
