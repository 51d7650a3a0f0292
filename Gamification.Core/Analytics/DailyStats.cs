namespace Gamification.Core.Analytics;

/// <summary>
/// One person's activity on one local day of their tenant (table daily_user_stat), rolled up from the events, the
/// ledger, badges, challenges and redemptions by <see cref="AnalyticsRollup"/>. Dashboards read these, never the ledger.
/// </summary>
public class DailyUserStat : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public DateOnly LocalDate { get; set; }
    public string UserId { get; set; } = "";
    public int Events { get; set; }
    public int Calls { get; set; }
    public int PerfectCalls { get; set; }
    public int Conversions { get; set; }
    public int Reviews { get; set; }
    public int Feedback { get; set; }
    public int RatedCalls { get; set; }
    public int RatingSum { get; set; }
    /// <summary>Activity points after the cap.</summary>
    public long ActivityPoints { get; set; }
    /// <summary>Badge, challenge and level-up rewards and admin awards.</summary>
    public long RewardPoints { get; set; }
    public long RevokedPoints { get; set; }
    public long SpentPoints { get; set; }
    public int Redemptions { get; set; }
    public int BadgesEarned { get; set; }
    public int ChallengesCompleted { get; set; }
    public int LevelUps { get; set; }
    public DateTimeOffset? FirstEventAt { get; set; }
    public DateTimeOffset? LastEventAt { get; set; }
    /// <summary>When the day's activity points reached the daily cap, if they did.</summary>
    public DateTimeOffset? CapReachedAt { get; set; }
}

/// <summary>
/// One team's day (table daily_team_stat), <see cref="TeamId"/> 0 for the whole tenant: the sums of its current
/// members' <see cref="DailyUserStat"/> rows, so an engagement chart over 90 days reads 90 rows.
/// </summary>
public class DailyTeamStat : ITenantOwned
{
    /// <summary>The <see cref="TeamId"/> of the whole tenant's rows.</summary>
    public const long Everyone = 0;

    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public DateOnly LocalDate { get; set; }
    public long TeamId { get; set; }
    /// <summary>People with at least one event that day.</summary>
    public int ActiveUsers { get; set; }
    public int Events { get; set; }
    public int Calls { get; set; }
    public int Conversions { get; set; }
    public long ActivityPoints { get; set; }
    public long RewardPoints { get; set; }
    public long SpentPoints { get; set; }
    public int Redemptions { get; set; }
    public int BadgesEarned { get; set; }
    public int ChallengesCompleted { get; set; }
    /// <summary>Challenges open that day (active, with the day inside their dates).</summary>
    public int ActiveChallenges { get; set; }
    public int LeaderboardViews { get; set; }
    /// <summary>People who took part (progress above 0) in challenge windows starting that day, and those who completed, by difficulty.</summary>
    public int EasyParticipants { get; set; }
    public int EasyCompleted { get; set; }
    public int MediumParticipants { get; set; }
    public int MediumCompleted { get; set; }
    public int HardParticipants { get; set; }
    public int HardCompleted { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>How often a person opened a leaderboard on a local day (table leaderboard_view); counts only add up.</summary>
public class LeaderboardView : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public DateOnly LocalDate { get; set; }
    public string UserId { get; set; } = "";
    public int Views { get; set; }
}

public enum FarmingKind { ShortCalls, Bursts, ConcentratedFeedback, EarlyCap, SuddenJump }

public enum FarmingFlagStatus { Open, Dismissed, Confirmed }

/// <summary>An agent whose activity looks like point farming (table farming_flag), with its evidence in plain words.</summary>
public class FarmingFlag : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string UserId { get; set; } = "";
    public FarmingKind Kind { get; set; }
    /// <summary>Severity from 0 (barely over the threshold) to 1 (far over it).</summary>
    public double Score { get; set; }
    /// <summary>What was seen, in plain words ("14 of 20 rewarded calls lasted under 30 s; the team's median call is 4 min 10 s").</summary>
    public string Evidence { get; set; } = "";
    /// <summary>The figures behind it, for the evidence view (JSON).</summary>
    public string? DataJson { get; set; }
    public DateOnly WindowStart { get; set; }
    public DateOnly WindowEnd { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public FarmingFlagStatus Status { get; set; }
    public string? Note { get; set; }
    public string? DecidedByUserId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}
