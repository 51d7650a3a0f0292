namespace Gamification.Core.Analytics;

/// <summary>Which days and people a dashboard covers: local days <paramref name="From"/> to <paramref name="To"/> (inclusive), one team or everyone.</summary>
public sealed record AnalyticsFilter(DateOnly From, DateOnly To, long? TeamId = null)
{
    /// <summary>The last <paramref name="days"/> local days up to <paramref name="end"/>, both included (a dashboard's default: 30).</summary>
    public static AnalyticsFilter LastDays(DateOnly end, int days = AnalyticsService.DefaultDays, long? teamId = null) =>
        new(end.AddDays(1 - days), end, teamId);
}

/// <summary>One day of the engagement dashboard.</summary>
/// <param name="PointsAwarded">Activity points plus rewards (badges, challenges, level-ups, admin awards).</param>
/// <param name="AveragePointsPerUser">Points awarded per active participant that day (0 with nobody active).</param>
public sealed record EngagementDay(DateOnly Date, int ActiveUsers, long PointsAwarded, int ActiveChallenges, int BadgeUnlocks, double AveragePointsPerUser);

/// <summary>The engagement dashboard: a row per day of the range (days without activity included as zeros), and totals.</summary>
/// <param name="People">Active people in scope (the team's members, or the tenant's).</param>
/// <param name="UpdatedAt">When the newest day's figures were rolled up (they lag the live data by a few minutes at most).</param>
public sealed record EngagementReport(
    AnalyticsFilter Filter,
    int People,
    IReadOnlyList<EngagementDay> Days,
    double AverageDailyActiveUsers,
    long PointsAwarded,
    int BadgeUnlocks,
    double AveragePointsPerUserPerDay,
    DateTimeOffset? UpdatedAt);

/// <summary>A labelled figure of a ranking or distribution (a person, a badge, a reward, a bucket).</summary>
public sealed record RankedFigure(string Key, string Label, long Value);

/// <summary>Challenge success by difficulty: the share of participants (progress > 0) who completed, against the guide's target.</summary>
public sealed record ChallengeSuccess(ChallengeDifficulty Difficulty, int Participants, int Completed, double Rate, double Target);

/// <summary>People at a level now, and how long those who reached it in the range took from their start (days).</summary>
public sealed record LevelFigure(int Level, string Name, int People, int ReachedInRange, double? AverageDaysToReach);

/// <summary>
/// One day of the badge unlocking rate: the badges unlocked that day by the people in scope, the people active that day
/// (at least one event), and unlocks per active person (0 on a day nobody was active), as the engagement day's points.
/// </summary>
public sealed record BadgeUnlockDay(DateOnly Date, int ActiveUsers, int Unlocks, double UnlocksPerActiveUser);

/// <summary>An active badge and how many of the people in scope (active agents) hold it now, and their share of them.</summary>
public sealed record BadgeHolding(long BadgeId, string Name, BadgeCategory Category, BadgeRarity Rarity, int Holders, double Share);

/// <summary>The behaviour dashboard for a range and team.</summary>
/// <param name="RedemptionRate">Share of the people in scope who redeemed at least once in the range.</param>
/// <param name="LeaderboardViewsPerDay">Leaderboard views per day of the range.</param>
/// <param name="BadgeUnlocks">Badges unlocked in the range by the people in scope (the engagement dashboard's badge unlocks).</param>
/// <param name="BadgeUnlocksPerActiveUserPerDay">The guide's badge unlocking rate: <paramref name="BadgeUnlocks"/> per active person-day.</param>
/// <param name="BadgeUnlocksPerDay">The rate day by day (days without activity are zeros).</param>
/// <param name="BadgeHolders">Every active badge with the share of the people in scope who hold it, most held first.</param>
public sealed record BehaviorReport(
    AnalyticsFilter Filter,
    int People,
    IReadOnlyList<RankedFigure> TopEarners,
    IReadOnlyList<RankedFigure> MostEarnedBadges,
    IReadOnlyList<RankedFigure> PopularRewards,
    IReadOnlyList<ChallengeSuccess> ChallengeSuccess,
    int Redeemers,
    double RedemptionRate,
    IReadOnlyList<LevelFigure> Levels,
    IReadOnlyList<RankedFigure> Streaks,
    IReadOnlyList<RankedFigure> LeaderboardViewsPerDay,
    double LeaderboardViewsPerActiveUserPerDay,
    int BadgeUnlocks,
    double BadgeUnlocksPerActiveUserPerDay,
    IReadOnlyList<BadgeUnlockDay> BadgeUnlocksPerDay,
    IReadOnlyList<BadgeHolding> BadgeHolders);
