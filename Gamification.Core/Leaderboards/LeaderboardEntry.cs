namespace Gamification.Core.Leaderboards;

public enum LeaderboardPeriod { Daily, Weekly, Monthly, AllTime }

/// <summary>A ranked row of a leaderboard snapshot (table leaderboard), for a user or, with <see cref="TeamId"/>, a team.</summary>
public class LeaderboardSnapshot : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public LeaderboardPeriod PeriodType { get; set; }
    public DateOnly PeriodStart { get; set; }
    public string? UserId { get; set; }
    public long? TeamId { get; set; }
    public int Rank { get; set; }
    public long Points { get; set; }
    public int? PreviousRank { get; set; }
    public long PointsChange { get; set; }
    public int BadgesCount { get; set; }
    public int StreakDays { get; set; }
    public DateTimeOffset SnapshotAt { get; set; }
}

/// <summary>
/// A user's live score in one period (table leaderboard_score), kept by the engine in the same
/// transaction as the award, so reads never sum the ledger.
/// </summary>
public class LeaderboardScore : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string UserId { get; set; } = "";
    public long? TeamId { get; set; }
    public LeaderboardPeriod PeriodType { get; set; }
    /// <summary>First local day of the period (DateOnly.MinValue for all-time).</summary>
    public DateOnly PeriodStart { get; set; }
    public long Points { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// A tenant's board version (table leaderboard_version): raised in the same transaction as every change a board
/// shows (scores, names, teams, badges, streaks, snapshots, rules), so each app instance can keep its ranking in
/// memory and still see another instance's award in the next read (<see cref="LeaderboardCache"/>).
/// </summary>
public class LeaderboardVersion
{
    public Guid TenantId { get; set; }

    /// <summary>Raised by every change a board shows.</summary>
    public long Version { get; set; }

    /// <summary>Raised (with <see cref="Version"/>) when people, teams or the tenant's rules change.</summary>
    public long PeopleVersion { get; set; }
}
