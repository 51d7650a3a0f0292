namespace Gamification.Core.Badges;

/// <summary>
/// Badges awarded outside an event (RULES.md, Badges): by an admin's hand, and for a closed week's rank. Each is a unit
/// of the points engine, so a badge's reward, the level it reaches and the badges that follow move in one transaction,
/// with the same locks, unique indexes and retry as every other change of points.
/// </summary>
internal sealed class BadgeAwards(PointsEngine engine)
{
    /// <summary>
    /// An admin awards a badge by hand with a reason (any active badge; manual ones only this way). Its points are
    /// paid with it (ledger type badge_reward), once: a badge already earned is refused.
    /// </summary>
    /// <exception cref="DomainException">Missing reason (400), unknown badge or user (404), inactive badge (400), already earned (409).</exception>
    public async Task<BadgeAwardResult> AwardBadgeAsync(Guid tenantId, long badgeId, string userId, string reason, string? adminUserId, CancellationToken ct)
    {
        Reasons.Require(reason, Reasons.ForBadge, PointsEngine.MaxReasonLength);
        BadgeAwardResult? result = null;
        await engine.Units.RunAsync(tenantId, [userId], async (unit, ct2) =>
        {
            var user = unit.Require(userId);
            var before = user.Points.CurrentPoints;
            var badge = await unit.Evaluator<BadgeEvaluator>().AwardByHandAsync(user, badgeId, reason.Trim(), adminUserId, ct2);
            result = new BadgeAwardResult(user.UserId, badge.Id, badge.Name, unit.Now, user.Points.CurrentPoints - before, user.Points.CurrentPoints);
            var paid = result.PointsAwarded;
            unit.Audit(() => unit.Db.NewAuditEntry(unit.Now, AuditKind.BadgeAwarded, "user", user.UserId,
                $"Awarded the badge {badge.Name} to {user.DisplayName}: {reason.Trim()}",
                new { CurrentPoints = before }, new { Badge = badge.Name, BadgeId = badge.Id, CurrentPoints = user.Points.CurrentPoints, PointsPaid = paid },
                adminUserId, unit.TenantId));
            return true;
        }, ct);
        engine.Units.Logger.LogInformation("Badge {BadgeId} awarded by hand to user {UserId} in tenant {TenantId}", badgeId, userId, tenantId);
        return result!;
    }

    /// <summary>
    /// Awards the weekly_rank badges of a closed week (RULES.md, Badges): each user's rank is competition ranking of
    /// the week's live leaderboard score (earnings minus revocations on the week's local days; redemptions and decay do
    /// not count). Only users who scored take part. Idempotent: a badge is earned once.
    /// </summary>
    public async Task<int> AwardWeeklyRankBadgesAsync(Guid tenantId, DateOnly weekStart, CancellationToken ct)
    {
        Dictionary<string, int> ranks;
        int deepest;
        await using (var db = await engine.Units.DbFactory.CreateDbContextAsync(ct))
        {
            deepest = await db.Badges.IgnoreQueryFilters().AsNoTracking()
                .Where(b => b.TenantId == tenantId && b.IsActive && b.RequirementType == BadgeRequirement.WeeklyRank)
                .Select(b => (int?)b.RequirementValue)
                .MaxAsync(ct) ?? 0;
            if (deepest <= 0)
            {
                return 0;
            }
            // The closed week's live scores (RULES.md, Leaderboards: earnings minus revocations; redemptions and decay do not count).
            var scores = await db.LeaderboardScores.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.TenantId == tenantId && s.PeriodType == LeaderboardPeriod.Weekly && s.PeriodStart == weekStart && s.Points > 0)
                .Select(s => new { s.UserId, Score = s.Points })
                .ToListAsync(ct);
            var ordered = scores.OrderByDescending(s => s.Score).ToList();
            ranks = LeaderboardRules.CompetitionRanks(ordered, s => s.Score)
                .Where(r => r.Rank <= deepest)
                .ToDictionary(r => r.Row.UserId, r => r.Rank, StringComparer.Ordinal);
        }
        if (ranks.Count == 0)
        {
            return 0;
        }
        var awarded = 0;
        await engine.Units.RunAsync(tenantId, ranks.Keys.ToList(), async (unit, ct2) =>
        {
            awarded = await unit.Evaluator<BadgeEvaluator>().AwardWeeklyRanksAsync(ranks, weekStart, ct2);
            return awarded > 0;
        }, ct);
        engine.Units.Logger.LogInformation("Weekly rank badges for tenant {TenantId}, week of {WeekStart}: {Count} awarded", tenantId, weekStart, awarded);
        return awarded;
    }
}
