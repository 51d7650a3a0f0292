namespace Gamification.Core.Badges;

/// <summary>A badge earned by a user (table user_badge); unique per (user, badge).</summary>
public class UserBadge : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string UserId { get; set; } = "";
    public long BadgeId { get; set; }
    public Badge? Badge { get; set; }
    public DateTimeOffset EarnedAt { get; set; }
    public string? Reason { get; set; }
    public string? AwardedByUserId { get; set; }
}
