namespace Gamification.Core.Points;

/// <summary>
/// A user's balances and counters (table user_points): a projection of the ledger kept in the same
/// transaction as every award. The counters let badge rules be checked without scanning history.
/// </summary>
public class UserPoints : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string UserId { get; set; } = "";

    public long CurrentPoints { get; set; }
    public long LifetimePoints { get; set; }

    /// <summary>Activity points awarded on <see cref="DailyDate"/> (the tenant's local day), for the daily cap.</summary>
    public int DailyPoints { get; set; }
    public DateOnly? DailyDate { get; set; }

    public int StreakDays { get; set; }
    public int LongestStreak { get; set; }
    public DateOnly? LastActiveDate { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }
    /// <summary>The last local day decay was applied, so the job is idempotent.</summary>
    public DateOnly? LastDecayDate { get; set; }

    public int TotalCalls { get; set; }
    public int Conversions { get; set; }
    public int PerfectCalls { get; set; }
    public int QualityReviews { get; set; }
    public int FeedbackCount { get; set; }
    public int ChallengesCompleted { get; set; }
    public int CallsToday { get; set; }

    /// <summary>Optimistic concurrency token: a second writer of the same row fails and retries.</summary>
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
