namespace Gamification.Core.Challenges;

public class Challenge : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public ChallengeType ChallengeType { get; set; }
    public ObjectiveType ObjectiveType { get; set; }
    public int ObjectiveTarget { get; set; }
    /// <summary>
    /// For <see cref="ObjectiveType.AvgRating"/> and <see cref="ObjectiveType.SatisfactionRate"/>: the least number of
    /// rated calls before the average or the share counts.
    /// </summary>
    public int MinRatedCalls { get; set; }
    public int PointsReward { get; set; }
    public long? BadgeRewardId { get; set; }
    public ChallengeDifficulty Difficulty { get; set; }
    /// <summary>Explicit window for special challenges; for recurring ones the first day it runs.</summary>
    public DateTimeOffset? StartDate { get; set; }
    public DateTimeOffset? EndDate { get; set; }
    public bool IsTeamChallenge { get; set; }
    /// <summary>A prize that is not points ("Team lunch on us"), handed out by an admin to each person who completes; null: none.</summary>
    public string? Prize { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ChallengeType { Daily, Weekly, Monthly, Seasonal, Special }

/// <summary>
/// What a challenge counts. <see cref="SatisfactionRate"/>: the percentage of the window's rated calls rated 4 or 5
/// (target 1-100). <see cref="LeaderboardRank"/>: finish the window in the top N of the tenant's board by the window's
/// points (target N); no event completes it, the rank job pays it once the window's ranks are final.
/// </summary>
public enum ObjectiveType { TotalCalls, Conversions, PerfectCalls, QualityReviews, PointsEarned, AvgRating, SatisfactionRate, LeaderboardRank }

public enum ChallengeDifficulty { Easy, Medium, Hard }
