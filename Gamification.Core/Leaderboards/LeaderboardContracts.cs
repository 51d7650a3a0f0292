namespace Gamification.Core.Leaderboards;

/// <summary>
/// One row of a leaderboard: a person, or a team on a team board (<see cref="UserId"/> null). Ranks are competition
/// ranks (1, 2, 2, 4); equal scores are listed by display name.
/// </summary>
/// <param name="PointsChange">Score change since the snapshot about 24 hours earlier (the whole score when there is none).</param>
/// <param name="PreviousRank">The rank in the previous snapshot of this period, or null when the row was not in it.</param>
/// <param name="BadgesCount">Badges earned (for a team: its members' total).</param>
/// <param name="StreakDays">The live streak (for a team: its members' longest).</param>
/// <param name="IsCaller">The row of the person reading (or of their team).</param>
/// <param name="Visibility">The person's own choice of how colleagues see them: given to supervisors and admins only (null otherwise and for teams).</param>
public sealed record LeaderboardEntryView(
    int Rank,
    string? UserId,
    long? TeamId,
    string DisplayName,
    string? TeamName,
    long Points,
    long PointsChange,
    int? PreviousRank,
    int BadgesCount,
    int StreakDays,
    bool IsCaller,
    LeaderboardVisibility? Visibility = null);

/// <summary>Who reads a board, which decides whose choices apply (docs/rules.md, A say over being ranked).</summary>
public enum BoardViewer
{
    /// <summary>An agent: colleagues appear as they chose (hidden people left out, anonymous ones unnamed); the reader always sees their own row; "protect the bottom" applies.</summary>
    Agent,

    /// <summary>A supervisor or admin: everyone by name, with their choice beside them.</summary>
    Staff,

    /// <summary>The wallboard on the floor: everyone as they chose, nobody's own row, the top only.</summary>
    Wallboard,
}

/// <summary>What to read. <paramref name="Limit"/> null: the period's default page size (RULES.md, Leaderboards).</summary>
/// <param name="TeamId">Only the members of this team (individual board).</param>
/// <param name="Teams">The team board: one row per team, its score the sum of its members'.</param>
/// <param name="Search">Only rows whose name contains this (ranks stay the board's ranks).</param>
/// <param name="League">Only the people of the reader's tier (the league tab), ranked among themselves.</param>
/// <param name="Tier">Only the people of this tier (a league chosen by name), ranked among themselves.</param>
public sealed record LeaderboardQuery(
    LeaderboardPeriod Period,
    int? Limit = null,
    int Offset = 0,
    long? TeamId = null,
    bool Teams = false,
    string? Search = null,
    BoardViewer Viewer = BoardViewer.Agent,
    bool League = false,
    string? Tier = null);

/// <summary>A page of a leaderboard with the caller's own row beside it, whether or not it is on the page.</summary>
/// <param name="PeriodEnd">The last local day of the period (null for all-time).</param>
/// <param name="TotalCount">Rows on the whole board (after the team and search filters).</param>
/// <param name="SnapshotAt">When the snapshot the rank changes compare with was taken, if any.</param>
/// <param name="League">The tier ranked (league tab), else null.</param>
/// <param name="LeaguesOffered">The tenant offers the league tab.</param>
/// <param name="TopShown">"Protect the bottom" shaped this board: its top N and the reader's neighbourhood only (null otherwise).</param>
public sealed record LeaderboardPage(
    LeaderboardPeriod PeriodType,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    IReadOnlyList<LeaderboardEntryView> Entries,
    LeaderboardEntryView? UserRank,
    int TotalCount,
    int Limit,
    int Offset,
    DateTimeOffset GeneratedAt,
    DateTimeOffset? SnapshotAt,
    string? League = null,
    bool LeaguesOffered = false,
    int? TopShown = null);

/// <summary>A snapshot taken of one period's board for one tenant.</summary>
public sealed record SnapshotRun(Guid TenantId, LeaderboardPeriod Period, DateOnly PeriodStart, int Users, int Teams, DateTimeOffset At, bool Skipped);
