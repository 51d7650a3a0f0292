namespace Gamification.Core.Challenges;

/// <summary>A user's progress in one window of a challenge (table user_challenge); unique per (user, challenge, window).</summary>
public class UserChallenge : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string UserId { get; set; } = "";
    public long ChallengeId { get; set; }
    public Challenge? Challenge { get; set; }
    public DateOnly WindowStart { get; set; }
    public DateOnly WindowEnd { get; set; }
    public int Progress { get; set; }
    public int RatingSum { get; set; }
    public int RatingCount { get; set; }
    public bool Completed { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>When an admin handed out the challenge's <see cref="Challenge.Prize"/> for this completion (null: not yet).</summary>
    public DateTimeOffset? PrizeHandedOutAt { get; set; }
    /// <summary>The admin who handed it out.</summary>
    public string? PrizeHandedOutBy { get; set; }
    public long Version { get; set; }
}

/// <summary>A team's progress in one window of a team challenge (table team_challenge).</summary>
public class TeamChallenge : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public long TeamId { get; set; }
    public long ChallengeId { get; set; }
    public Challenge? Challenge { get; set; }
    public DateOnly WindowStart { get; set; }
    public DateOnly WindowEnd { get; set; }
    public int Progress { get; set; }
    public bool Completed { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public long Version { get; set; }
}
