namespace Gamification.Core.Badges;

public class Badge : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public BadgeCategory Category { get; set; }
    public BadgeRarity Rarity { get; set; }
    public BadgeRequirement RequirementType { get; set; }
    public int RequirementValue { get; set; }
    public int PointsReward { get; set; }
    /// <summary>A built-in icon name (e.g. "phone") or the URL of an uploaded image.</summary>
    public string Icon { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public enum BadgeCategory { Milestone, Skill, Behavior, Performance, Social }

public enum BadgeRarity { Common, Uncommon, Rare, Epic, Legendary }

public enum BadgeRequirement
{
    TotalCalls,
    Conversions,
    PerfectCalls,
    QualityReviews,
    FeedbackCount,
    LifetimePoints,
    StreakDays,
    Level,
    ChallengesCompleted,
    CallsInDay,
    /// <summary>A call completed before this local hour (early bird).</summary>
    CallsBeforeHour,
    /// <summary>A call completed at or after this local hour (night owl).</summary>
    CallsAfterHour,
    /// <summary>Rank at most this value on a closed weekly leaderboard.</summary>
    WeeklyRank,
    Manual,
}
