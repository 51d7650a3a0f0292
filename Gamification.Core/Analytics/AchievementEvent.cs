namespace Gamification.Core.Analytics;

/// <summary>A notable moment for analytics and notifications (table achievement_event): level-ups, streak milestones, badges, challenges.</summary>
public class AchievementEvent : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string UserId { get; set; } = "";
    public AchievementKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string? DataJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum AchievementKind { LevelUp, StreakMilestone, BadgeEarned, ChallengeCompleted, RewardRedeemed }
