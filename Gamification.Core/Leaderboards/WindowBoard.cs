namespace Gamification.Core.Leaderboards;

/// <summary>A person's place on a board: their score and competition rank.</summary>
public sealed record RankedPerson(string UserId, long Points, int Rank);

/// <summary>
/// A board over any run of a tenant's local days (a challenge window: a quarter, a special challenge's dates): each
/// active person's points on those days as the period boards count them (the engine's per-day scores: earnings minus
/// revocations, each on its entry's local day), ranked as every board is (<see cref="LeaderboardRules.CompetitionRanks"/>:
/// equal scores share a rank). Only active people with at least 1 point in those days are on it, as on the daily and
/// weekly boards: a rank objective is won with points, so people without any are never ranked (if they shared a last
/// place at 0, a top 3 with two scorers would pay everyone).
/// </summary>
internal static class WindowBoard
{
    /// <summary>Everyone on the board of the local days <paramref name="first"/> to <paramref name="last"/> (inclusive), best first.</summary>
    public static async Task<List<RankedPerson>> RankAsync(GamificationDbContext db, Guid tenantId, DateOnly first, DateOnly last, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (last < first)
        {
            return [];
        }
        var (period, from, to) = Source(first, last);
        var scores = await db.LeaderboardScores.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.PeriodType == period && s.PeriodStart >= from && s.PeriodStart <= to)
            // Deactivated people leave the boards.
            .Where(s => db.Users.IgnoreQueryFilters().Any(u => u.TenantId == tenantId && u.Id == s.UserId && u.IsActive))
            .GroupBy(s => s.UserId)
            .Select(g => new { UserId = g.Key, Points = g.Sum(s => s.Points) })
            .Where(g => g.Points >= 1)
            .ToListAsync(ct);
        // Equal scores share a rank whatever their order; the user id only makes the list's order stable.
        var ordered = scores.OrderByDescending(s => s.Points).ThenBy(s => s.UserId, StringComparer.Ordinal).ToList();
        return LeaderboardRules.CompetitionRanks(ordered, s => s.Points)
            .Select(r => new RankedPerson(r.Row.UserId, r.Row.Points, r.Rank))
            .ToList();
    }

    /// <summary>A whole day, week or month reads its one period score per person; any other run of days sums the daily scores.</summary>
    private static (LeaderboardPeriod Period, DateOnly From, DateOnly To) Source(DateOnly first, DateOnly last) =>
        first == last ? (LeaderboardPeriod.Daily, first, first)
        : first == TenantClock.WeekStart(first) && last == first.AddDays(6) ? (LeaderboardPeriod.Weekly, first, first)
        : first == TenantClock.MonthStart(first) && last == first.AddMonths(1).AddDays(-1) ? (LeaderboardPeriod.Monthly, first, first)
        : (LeaderboardPeriod.Daily, first, last);
}
