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
    /// <summary>For <see cref="ObjectiveType.AvgRating"/>: the least number of rated calls before the average counts.</summary>
    public int MinRatedCalls { get; set; }
    public int PointsReward { get; set; }
    public long? BadgeRewardId { get; set; }
    public ChallengeDifficulty Difficulty { get; set; }
    /// <summary>Explicit window for special challenges; for recurring ones the first day it runs.</summary>
    public DateTimeOffset? StartDate { get; set; }
    public DateTimeOffset? EndDate { get; set; }
    public bool IsTeamChallenge { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ChallengeType { Daily, Weekly, Monthly, Seasonal, Special }

public enum ObjectiveType { TotalCalls, Conversions, PerfectCalls, QualityReviews, PointsEarned, AvgRating }

public enum ChallengeDifficulty { Easy, Medium, Hard }
