using System.Security.Claims;

namespace Gamification.Core.Analytics;

/// <summary>
/// Keeps the daily aggregates the supervisor dashboards read (<see cref="DailyUserStat"/>, <see cref="DailyTeamStat"/>):
/// a job calls <see cref="RollUpRecentAsync"/> every few minutes, which rebuilds each tenant's last local days (events
/// can arrive up to 48 hours late) from that day's events, ledger, badges, challenges and redemptions, and builds
/// any older day that has activity but no aggregate yet (a new install, or after downtime). Rebuilding a day
/// replaces its rows in one transaction, so it is idempotent and a dashboard never sees half a day.
/// </summary>
public sealed class AnalyticsRollup(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock, ILogger<AnalyticsRollup> logger)
{
    /// <summary>Local days rebuilt on every run: today, yesterday and the day before (the 48-hour window of late events).</summary>
    public const int RecentDays = 3;

    /// <summary>Every active tenant: the recent days, and older days with activity but no aggregate. Returns the days rebuilt.</summary>
    public async Task<int> RollUpRecentAsync(CancellationToken ct = default)
    {
        List<Guid> tenants;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            tenants = await db.Tenants.IgnoreQueryFilters().AsNoTracking().Where(t => t.IsActive).Select(t => t.Id).ToListAsync(ct);
        }
        var rebuilt = 0;
        foreach (var tenantId in tenants)
        {
            rebuilt += await RollUpTenantAsync(tenantId, ct);
        }
        return rebuilt;
    }

    /// <summary>One tenant: its recent days and any older day with events but no aggregate yet.</summary>
    public async Task<int> RollUpTenantAsync(Guid tenantId, CancellationToken ct = default)
    {
        List<DateOnly> days;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var zone = await TenantRules.LoadClockAsync(db, tenantId, ct);
            var today = zone.LocalDay(clock.GetUtcNow());
            var recent = Enumerable.Range(0, RecentDays).Select(i => today.AddDays(-i));
            var withActivity = await db.PointTransactions.IgnoreQueryFilters().Where(t => t.TenantId == tenantId)
                .Select(t => t.LocalDate).Distinct().ToListAsync(ct);
            var built = (await db.DailyTeamStats.IgnoreQueryFilters().Where(s => s.TenantId == tenantId && s.TeamId == DailyTeamStat.Everyone)
                .Select(s => s.LocalDate).ToListAsync(ct)).ToHashSet();
            days = recent.Concat(withActivity.Where(d => d <= today && !built.Contains(d))).Distinct().Order().ToList();
        }
        foreach (var day in days)
        {
            await RollUpDayAsync(tenantId, day, ct);
        }
        if (days.Count > RecentDays)
        {
            logger.LogInformation("Analytics for tenant {TenantId}: built {Days} day(s)", tenantId, days.Count);
        }
        return days.Count;
    }

    /// <summary>Rebuilds one local day of one tenant: its people's rows, then its teams' and the whole tenant's.</summary>
    public async Task RollUpDayAsync(Guid tenantId, DateOnly day, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = await TenantRules.LoadClockAsync(db, tenantId, ct);
        var (from, to) = (zone.DayStartUtc(day), zone.DayEndUtc(day));

        var events = await db.ActivityEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.LocalDate == day)
            .GroupBy(e => e.UserId)
            .Select(g => new
            {
                UserId = g.Key,
                Events = g.Count(),
                Calls = g.Count(e => e.Type == ActivityType.CallCompleted),
                Perfect = g.Count(e => e.Type == ActivityType.CallCompleted && e.Rating == 5),
                Conversions = g.Count(e => e.Type == ActivityType.LeadConverted),
                Reviews = g.Count(e => e.Type == ActivityType.QualityReview),
                Feedback = g.Count(e => e.Type == ActivityType.CustomerFeedback),
                Rated = g.Count(e => e.Type == ActivityType.CallCompleted && e.Rating != null),
                RatingSum = g.Sum(e => e.Type == ActivityType.CallCompleted ? e.Rating ?? 0 : 0),
            })
            .ToListAsync(ct);
        // Times are stored as sortable integers on SQLite, which cannot take MIN of them in SQL: read the day's times.
        var times = await db.ActivityEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.LocalDate == day)
            .Select(e => new { e.UserId, e.OccurredAt, e.Capped })
            .ToListAsync(ct);
        var span = times.GroupBy(t => t.UserId).ToDictionary(g => g.Key, g => (
            First: g.Min(t => t.OccurredAt), Last: g.Max(t => t.OccurredAt),
            Cap: g.Where(t => t.Capped).Select(t => (DateTimeOffset?)t.OccurredAt).Min()));
        var ledger = await db.PointTransactions.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.TenantId == tenantId && t.LocalDate == day)
            .GroupBy(t => new { t.UserId, t.Type })
            .Select(g => new { g.Key.UserId, g.Key.Type, Points = g.Sum(t => t.Points), Count = g.Count() })
            .ToListAsync(ct);
        var badges = await db.UserBadges.IgnoreQueryFilters().AsNoTracking()
            .Where(b => b.TenantId == tenantId && b.EarnedAt >= from && b.EarnedAt < to)
            .GroupBy(b => b.UserId).Select(g => new { UserId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UserId, g => g.Count, ct);
        var challenges = await db.UserChallenges.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.Completed && c.CompletedAt >= from && c.CompletedAt < to)
            .GroupBy(c => c.UserId).Select(g => new { UserId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UserId, g => g.Count, ct);
        var levelUps = await db.AchievementEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.Kind == AchievementKind.LevelUp && a.CreatedAt >= from && a.CreatedAt < to)
            .GroupBy(a => a.UserId).Select(g => new { UserId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.UserId, g => g.Count, ct);

        var byUser = events.ToDictionary(e => e.UserId, StringComparer.Ordinal);
        var ledgerByUser = ledger.ToLookup(l => l.UserId, StringComparer.Ordinal);
        var userIds = byUser.Keys.Concat(ledgerByUser.Select(g => g.Key)).Concat(badges.Keys).Concat(challenges.Keys).Concat(levelUps.Keys)
            .Distinct(StringComparer.Ordinal).ToList();
        var rows = userIds.Select(userId =>
        {
            var e = byUser.GetValueOrDefault(userId);
            var l = ledgerByUser[userId].ToList();
            long Sum(params TransactionType[] types) => l.Where(x => types.Contains(x.Type)).Sum(x => x.Points);
            var (first, last, cap) = span.TryGetValue(userId, out var s) ? s : (default(DateTimeOffset?), default(DateTimeOffset?), default(DateTimeOffset?));
            return new DailyUserStat
            {
                TenantId = tenantId,
                LocalDate = day,
                UserId = userId,
                Events = e?.Events ?? 0,
                Calls = e?.Calls ?? 0,
                PerfectCalls = e?.Perfect ?? 0,
                Conversions = e?.Conversions ?? 0,
                Reviews = e?.Reviews ?? 0,
                Feedback = e?.Feedback ?? 0,
                RatedCalls = e?.Rated ?? 0,
                RatingSum = e?.RatingSum ?? 0,
                ActivityPoints = Sum(TransactionType.Activity),
                RewardPoints = Sum(TransactionType.BadgeReward, TransactionType.ChallengeReward, TransactionType.LevelUp, TransactionType.AdminAward),
                RevokedPoints = -Sum(TransactionType.AdminRevoke),
                SpentPoints = -Sum(TransactionType.Redemption, TransactionType.RedemptionRefund),
                Redemptions = l.Where(x => x.Type == TransactionType.Redemption).Sum(x => x.Count),
                BadgesEarned = badges.GetValueOrDefault(userId),
                ChallengesCompleted = challenges.GetValueOrDefault(userId),
                LevelUps = levelUps.GetValueOrDefault(userId),
                FirstEventAt = first,
                LastEventAt = last,
                CapReachedAt = cap,
            };
        }).ToList();

        // The teams' rows sum their current members; the whole tenant is team 0.
        var teamOf = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.TenantId == tenantId && u.TeamId != null)
            .ToDictionaryAsync(u => u.Id, u => u.TeamId!.Value, StringComparer.Ordinal, ct);
        var teamIds = await db.Teams.IgnoreQueryFilters().Where(t => t.TenantId == tenantId).Select(t => t.Id).ToListAsync(ct);
        var views = await db.LeaderboardViews.IgnoreQueryFilters().AsNoTracking().Where(v => v.TenantId == tenantId && v.LocalDate == day)
            .Select(v => new { v.UserId, v.Views }).ToListAsync(ct);
        var challengesOpen = (await OpenChallengesAsync(db, tenantId, zone, ct))(day);
        // Challenge windows starting that day with some progress: who took part and who completed, by difficulty.
        var taking = await db.UserChallenges.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.TenantId == tenantId && c.WindowStart == day && c.Progress > 0)
            .Select(c => new { c.UserId, c.Challenge!.Difficulty, c.Completed }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        DailyTeamStat Team(long teamId, Func<string, bool> member) => new()
        {
            TenantId = tenantId,
            LocalDate = day,
            TeamId = teamId,
            ActiveUsers = rows.Count(r => member(r.UserId) && r.Events > 0),
            Events = rows.Where(r => member(r.UserId)).Sum(r => r.Events),
            Calls = rows.Where(r => member(r.UserId)).Sum(r => r.Calls),
            Conversions = rows.Where(r => member(r.UserId)).Sum(r => r.Conversions),
            ActivityPoints = rows.Where(r => member(r.UserId)).Sum(r => r.ActivityPoints),
            RewardPoints = rows.Where(r => member(r.UserId)).Sum(r => r.RewardPoints),
            SpentPoints = rows.Where(r => member(r.UserId)).Sum(r => r.SpentPoints),
            Redemptions = rows.Where(r => member(r.UserId)).Sum(r => r.Redemptions),
            BadgesEarned = rows.Where(r => member(r.UserId)).Sum(r => r.BadgesEarned),
            ChallengesCompleted = rows.Where(r => member(r.UserId)).Sum(r => r.ChallengesCompleted),
            ActiveChallenges = challengesOpen,
            LeaderboardViews = views.Where(v => member(v.UserId)).Sum(v => v.Views),
            EasyParticipants = taking.Count(c => member(c.UserId) && c.Difficulty == ChallengeDifficulty.Easy),
            EasyCompleted = taking.Count(c => member(c.UserId) && c.Difficulty == ChallengeDifficulty.Easy && c.Completed),
            MediumParticipants = taking.Count(c => member(c.UserId) && c.Difficulty == ChallengeDifficulty.Medium),
            MediumCompleted = taking.Count(c => member(c.UserId) && c.Difficulty == ChallengeDifficulty.Medium && c.Completed),
            HardParticipants = taking.Count(c => member(c.UserId) && c.Difficulty == ChallengeDifficulty.Hard),
            HardCompleted = taking.Count(c => member(c.UserId) && c.Difficulty == ChallengeDifficulty.Hard && c.Completed),
            UpdatedAt = now,
        };
        var teams = new List<DailyTeamStat> { Team(DailyTeamStat.Everyone, _ => true) };
        teams.AddRange(teamIds.Select(id => Team(id, u => teamOf.TryGetValue(u, out var t) && t == id)));

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.DailyUserStats.IgnoreQueryFilters().Where(s => s.TenantId == tenantId && s.LocalDate == day).ExecuteDeleteAsync(ct);
            await db.DailyTeamStats.IgnoreQueryFilters().Where(s => s.TenantId == tenantId && s.LocalDate == day).ExecuteDeleteAsync(ct);
            db.DailyUserStats.AddRange(rows);
            db.DailyTeamStats.AddRange(teams);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    /// <summary>
    /// Counts the challenges open on a local day: active, started by then and not ended before it. (Rebuilt past days
    /// and days without a daily row use the challenges' current state.)
    /// </summary>
    internal static async Task<Func<DateOnly, int>> OpenChallengesAsync(GamificationDbContext db, Guid tenantId, TenantClock zone, CancellationToken ct)
    {
        var windows = (await db.Challenges.IgnoreQueryFilters().AsNoTracking().Where(c => c.TenantId == tenantId && c.IsActive)
                .Select(c => new { c.StartDate, c.EndDate, c.CreatedAt }).ToListAsync(ct))
            .Select(c => (Start: zone.LocalDay(c.StartDate ?? c.CreatedAt), End: c.EndDate is { } end ? zone.LocalDay(end) : DateOnly.MaxValue))
            .ToList();
        return day => windows.Count(w => w.Start <= day && w.End >= day);
    }

    /// <summary>
    /// Counts a read of the leaderboard (the page opened, or the API read) for "leaderboard viewing frequency" when the
    /// reader is an agent: supervisors' and admins' reads are not agent engagement. Never fails the read: a failure is
    /// logged and the board is still shown.
    /// </summary>
    /// <returns>Whether the read was counted.</returns>
    public async Task<bool> RecordReadAsync(ClaimsPrincipal reader, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!reader.IsInRole(Roles.Agent) || reader.GetTenantId() is not { } tenantId || reader.GetUserId() is not { } userId)
        {
            return false;
        }
        try
        {
            await RecordViewAsync(tenantId, userId, ct);
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not count a leaderboard view of {UserId}", userId);
            return false;
        }
    }

    /// <summary>Counts a leaderboard view (for "leaderboard viewing frequency"): one additive upsert.</summary>
    public async Task RecordViewAsync(Guid tenantId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = await TenantRules.LoadClockAsync(db, tenantId, ct);
        var day = zone.LocalDay(clock.GetUtcNow());
        var updated = await db.LeaderboardViews.IgnoreQueryFilters()
            .Where(v => v.TenantId == tenantId && v.LocalDate == day && v.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Views, v => v.Views + 1), ct);
        if (updated == 0)
        {
            try
            {
                db.LeaderboardViews.Add(new LeaderboardView { TenantId = tenantId, LocalDate = day, UserId = userId, Views = 1 });
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A second view inserted the day's row first: add to it.
                await db.LeaderboardViews.IgnoreQueryFilters()
                    .Where(v => v.TenantId == tenantId && v.LocalDate == day && v.UserId == userId)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.Views, v => v.Views + 1), ct);
            }
        }
    }
}
