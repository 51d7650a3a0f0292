namespace Gamification.Core.Leaderboards;

/// <summary>
/// The leaderboard rules (RULES.md, Leaderboards): the periods a local day belongs to, and ranks. Which entries count is
/// a fact of the entry type (<see cref="TransactionTypes.CountsOnBoards"/>).
/// </summary>
public static class LeaderboardRules
{
    /// <summary>The all-time period's start.</summary>
    public static readonly DateOnly AllTimeStart = DateOnly.MinValue;

    public static readonly IReadOnlyList<LeaderboardPeriod> Periods =
        [LeaderboardPeriod.Daily, LeaderboardPeriod.Weekly, LeaderboardPeriod.Monthly, LeaderboardPeriod.AllTime];

    /// <summary>
    /// Whether the board lists every active agent (the guide's periods table: monthly and all-time "show all users"),
    /// those without points last at 0 and tied; daily and weekly boards list only people with points.
    /// </summary>
    public static bool ListsEveryAgent(LeaderboardPeriod period) => period is LeaderboardPeriod.Monthly or LeaderboardPeriod.AllTime;

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

    /// <summary>
    /// Competition ranks (RULES.md, Leaderboards: 1, 2, 2, 4) of rows already in board order (score descending; equal
    /// scores listed by display name by the caller).
    /// </summary>
    public static List<(T Row, int Rank)> CompetitionRanks<T>(IReadOnlyList<T> ordered, Func<T, long> score)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        ArgumentNullException.ThrowIfNull(score);
        var ranked = new List<(T, int)>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            ranked.Add((ordered[i], i > 0 && score(ordered[i]) == score(ordered[i - 1]) ? ranked[i - 1].Item2 : i + 1));
        }
        return ranked;
    }
}
