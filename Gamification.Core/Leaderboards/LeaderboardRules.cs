using Gamification.Core.Points;

namespace Gamification.Core.Leaderboards;

/// <summary>The leaderboard rules (RULES.md, Leaderboards): which entries count, and the periods a local day belongs to.</summary>
public static class LeaderboardRules
{
    /// <summary>The all-time period's start.</summary>
    public static readonly DateOnly AllTimeStart = DateOnly.MinValue;

    public static readonly IReadOnlyList<LeaderboardPeriod> Periods =
        [LeaderboardPeriod.Daily, LeaderboardPeriod.Weekly, LeaderboardPeriod.Monthly, LeaderboardPeriod.AllTime];

    /// <summary>Points earned (activity and rewards) count, and admin revocations take away; redemptions and decay do not.</summary>
    public static bool Counts(TransactionType type) =>
        type is TransactionType.Activity or TransactionType.BadgeReward or TransactionType.ChallengeReward
            or TransactionType.LevelUp or TransactionType.AdminAward or TransactionType.AdminRevoke;

    /// <summary>The first local day of the period <paramref name="day"/> falls in (weeks Monday to Sunday).</summary>
    public static DateOnly PeriodStart(LeaderboardPeriod period, DateOnly day) => period switch
    {
        LeaderboardPeriod.Daily => day,
        LeaderboardPeriod.Weekly => TenantClock.WeekStart(day),
        LeaderboardPeriod.Monthly => TenantClock.MonthStart(day),
        _ => AllTimeStart,
    };

    /// <summary>The last local day of the period starting at <paramref name="start"/> (null for all-time).</summary>
    public static DateOnly? PeriodEnd(LeaderboardPeriod period, DateOnly start) => period switch
    {
        LeaderboardPeriod.Daily => start,
        LeaderboardPeriod.Weekly => start.AddDays(6),
        LeaderboardPeriod.Monthly => start.AddMonths(1).AddDays(-1),
        _ => null,
    };
}
