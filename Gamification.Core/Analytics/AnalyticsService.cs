namespace Gamification.Core.Analytics;

/// <summary>
/// The supervisor dashboards (the guide's Analytics & Monitoring) for the current tenant: engagement from the daily
/// team rows (one row per day), behaviour from the daily person rows and small current-state tables. Never scans the
/// ledger: the figures are as fresh as the last rollup (<see cref="AnalyticsRollup"/>, every few minutes).
/// </summary>
public sealed class AnalyticsService(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The longest range one dashboard covers.</summary>
    public const int MaxDays = 366;

    /// <summary>The range a dashboard shows when none is asked for: the last 30 local days, today included.</summary>
    public const int DefaultDays = 30;

    /// <summary>The current tenant's local today (a dashboard's default end).</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await TenantRules.LoadClockAsync(db, db.TenantId, ct)).LocalDay(clock.GetUtcNow());
    }

    /// <summary>The guide's completion-rate targets by difficulty.</summary>
    public static double Target(ChallengeDifficulty difficulty) => difficulty switch
    {
        ChallengeDifficulty.Easy => 0.50,
        ChallengeDifficulty.Medium => 0.25,
        _ => 0.05,
    };

    /// <summary>Streak buckets of the behaviour dashboard: (label, lowest, highest).</summary>
    public static readonly IReadOnlyList<(string Label, int From, int To)> StreakBuckets =
        [("0 days", 0, 0), ("1-2 days", 1, 2), ("3-6 days", 3, 6), ("7-13 days", 7, 13), ("14-29 days", 14, 29), ("30+ days", 30, int.MaxValue)];

    /// <exception cref="DomainException">A bad range (400) or a team not in the tenant (404).</exception>
    public async Task<EngagementReport> EngagementAsync(AnalyticsFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, filter, ct);
        var team = filter.TeamId ?? DailyTeamStat.Everyone;
        var rows = await db.DailyTeamStats.AsNoTracking()
            .Where(s => s.TeamId == team && s.LocalDate >= filter.From && s.LocalDate <= filter.To)
            .ToDictionaryAsync(s => s.LocalDate, ct);
        // A day without a row had no activity (the rollup only keeps older days that had some): nobody was active,
        // but the challenges open that day were still open.
        var openOn = rows.Count < Days(filter).Count()
            ? await AnalyticsRollup.OpenChallengesAsync(db, db.TenantId, (await TenantRules.LoadClockAsync(db, db.TenantId, ct)), ct)
            : null;
        var days = Days(filter).Select(d =>
        {
            var r = rows.GetValueOrDefault(d);
            var points = (r?.ActivityPoints ?? 0) + (r?.RewardPoints ?? 0);
            var active = r?.ActiveUsers ?? 0;
            var challenges = r?.ActiveChallenges ?? openOn!(d);
            return new EngagementDay(d, active, points, challenges, r?.BadgesEarned ?? 0, active == 0 ? 0 : Math.Round((double)points / active, 1));
        }).ToList();
        var activeDays = days.Sum(d => d.ActiveUsers);
        return new EngagementReport(
            filter,
            await PeopleAsync(db, filter.TeamId, ct),
            days,
            Math.Round(days.Average(d => d.ActiveUsers), 1),
            days.Sum(d => d.PointsAwarded),
            days.Sum(d => d.BadgeUnlocks),
            activeDays == 0 ? 0 : Math.Round((double)days.Sum(d => d.PointsAwarded) / activeDays, 1),
            rows.Count == 0 ? null : rows.Values.Max(r => r.UpdatedAt));
    }

    /// <exception cref="DomainException">A bad range (400) or a team not in the tenant (404).</exception>
    /// <remarks>
    /// Two lanes, each on its own context and thread, read at the same time: the top earners (the one big read: a sum
    /// per person over the range's daily rows) beside everything else. Over SQLite, whose reads complete synchronously,
    /// that halves the wait on a two-core machine (bench <c>-- analytics</c>).
    /// </remarks>
    public async Task<BehaviorReport> BehaviorAsync(AnalyticsFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, filter, ct);
        var zone = await TenantRules.LoadAsync(db, db.TenantId, ct);
        var (from, to) = (zone.Clock.DayStartUtc(filter.From), zone.Clock.DayEndUtc(filter.To));
        var teamId = filter.TeamId;
        var earnersLane = Task.Run(() => TopEarnersAsync(filter, ct), ct);

        var members = db.Users.Where(u => teamId == null || u.TeamId == teamId).Select(u => u.Id);
        var people = await PeopleAsync(db, teamId, ct);
        var badgeCounts = await db.UserBadges.AsNoTracking()
            .Where(b => b.EarnedAt >= from && b.EarnedAt < to && (teamId == null || members.Contains(b.UserId)))
            .GroupBy(b => b.BadgeId).Select(g => new { BadgeId = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).Take(10).ToListAsync(ct);
        var badgeIds = badgeCounts.Select(b => b.BadgeId).ToList();
        var badgeNames = await db.Badges.AsNoTracking().Where(b => badgeIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Name, ct);
        var redeemed = db.UserRedemptions.AsNoTracking()
            .Where(r => r.CreatedAt >= from && r.CreatedAt < to && r.Status != RedemptionStatus.Rejected && (teamId == null || members.Contains(r.UserId)));
        var popular = await redeemed.GroupBy(r => r.RewardItemId).Select(g => new { RewardItemId = g.Key, Quantity = g.Sum(r => r.Quantity) }).ToListAsync(ct);
        var rewardIds = popular.Select(r => r.RewardItemId).ToList();
        var rewardNames = await db.RewardItems.AsNoTracking().Where(r => rewardIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var levelNames = await db.PlayerLevels.AsNoTracking().ToDictionaryAsync(l => l.LevelNumber, l => l.Name, ct);
        var levels = await (from l in db.UserLevels.AsNoTracking()
                            join u in db.Users on l.UserId equals u.Id
                            where u.IsActive && u.ExternalId != null && (teamId == null || u.TeamId == teamId)
                            select new { l.LevelNumber, l.ReachedAt, u.CreatedAt }).ToListAsync(ct);
        var streaks = await (from p in db.UserPoints.AsNoTracking()
                             join u in db.Users on p.UserId equals u.Id
                             where u.IsActive && u.ExternalId != null && (teamId == null || u.TeamId == teamId)
                             select new { p.StreakDays, p.LastActiveDate }).ToListAsync(ct);
        var today = zone.Clock.LocalDay(clock.GetUtcNow());
        var liveStreaks = streaks.Select(s => PointsRules.LiveStreak(s.StreakDays, s.LastActiveDate, today, zone.Config)).ToList();
        var withoutPoints = Math.Max(0, people - liveStreaks.Count);
        var views = await db.DailyTeamStats.AsNoTracking()
            .Where(s => s.TeamId == (teamId ?? DailyTeamStat.Everyone) && s.LocalDate >= filter.From && s.LocalDate <= filter.To)
            .ToListAsync(ct);
        var viewsByDay = views.ToDictionary(v => v.LocalDate);
        var activeUserDays = views.Sum(v => v.ActiveUsers);
        // The rate's both sides count the same people: active agents in scope.
        var redeemers = await redeemed
            .Where(r => db.Users.Any(u => u.Id == r.UserId && u.IsActive && u.ExternalId != null && (teamId == null || u.TeamId == teamId)))
            .Select(r => r.UserId).Distinct().CountAsync(ct);
        // Badge unlocking rate: the day rows' unlocks over their active people, as average points per user per day; and
        // who holds each active badge now, among the same people as the redemption rate.
        var unlocks = views.Sum(v => v.BadgesEarned);
        var holders = await (from b in db.UserBadges.AsNoTracking()
                             join u in db.Users on b.UserId equals u.Id
                             where u.IsActive && u.ExternalId != null && (teamId == null || u.TeamId == teamId)
                             group b by b.BadgeId into g
                             select new { BadgeId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.BadgeId, g => g.Count, ct);
        var activeBadges = await db.Badges.AsNoTracking().Where(b => b.IsActive)
            .Select(b => new { b.Id, b.Name, b.Category, b.Rarity }).ToListAsync(ct);
        var earners = await earnersLane;

        return new BehaviorReport(
            filter,
            people,
            earners,
            badgeCounts.Select(b => new RankedFigure(b.BadgeId.ToString(System.Globalization.CultureInfo.InvariantCulture), badgeNames.GetValueOrDefault(b.BadgeId) ?? "Deleted badge", b.Count)).ToList(),
            popular.Select(g => new RankedFigure(g.RewardItemId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                rewardNames.GetValueOrDefault(g.RewardItemId) ?? "Deleted reward", g.Quantity)).OrderByDescending(r => r.Value).ThenBy(r => r.Label, StringComparer.Ordinal).Take(10).ToList(),
            Enum.GetValues<ChallengeDifficulty>().Select(d =>
            {
                var (taking, completed) = d switch
                {
                    ChallengeDifficulty.Easy => (views.Sum(v => v.EasyParticipants), views.Sum(v => v.EasyCompleted)),
                    ChallengeDifficulty.Medium => (views.Sum(v => v.MediumParticipants), views.Sum(v => v.MediumCompleted)),
                    _ => (views.Sum(v => v.HardParticipants), views.Sum(v => v.HardCompleted)),
                };
                return new ChallengeSuccess(d, taking, completed, taking == 0 ? 0 : Math.Round((double)completed / taking, 3), Target(d));
            }).ToList(),
            redeemers,
            people == 0 ? 0 : Math.Round((double)redeemers / people, 3),
            levels.GroupBy(l => l.LevelNumber).Select(g => g.Key).Append(1).Distinct().Order().Select(level =>
            {
                var at = levels.Where(l => l.LevelNumber == level).ToList();
                var reached = at.Where(l => l.ReachedAt >= from && l.ReachedAt < to && level > 1).ToList();
                // Agents without a level row have not levelled up yet: level 1.
                var count = at.Count + (level == 1 ? Math.Max(0, people - levels.Count) : 0);
                return new LevelFigure(level, levelNames.GetValueOrDefault(level) ?? $"Level {level}", count, reached.Count,
                    reached.Count == 0 ? null : Math.Round(reached.Average(l => DaysToReach(l.CreatedAt, l.ReachedAt)), 1));
            }).ToList(),
            StreakBuckets.Select(b => new RankedFigure(b.Label, b.Label,
                liveStreaks.Count(s => s >= b.From && s <= b.To) + (b.From == 0 ? withoutPoints : 0))).ToList(),
            Days(filter).Select(d => new RankedFigure(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                d.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture), viewsByDay.GetValueOrDefault(d)?.LeaderboardViews ?? 0)).ToList(),
            activeUserDays == 0 ? 0 : Math.Round((double)views.Sum(v => v.LeaderboardViews) / activeUserDays, 2),
            unlocks,
            activeUserDays == 0 ? 0 : Math.Round((double)unlocks / activeUserDays, 3),
            Days(filter).Select(d => viewsByDay.GetValueOrDefault(d) is { } day
                ? new BadgeUnlockDay(d, day.ActiveUsers, day.BadgesEarned, day.ActiveUsers == 0 ? 0 : Math.Round((double)day.BadgesEarned / day.ActiveUsers, 3))
                : new BadgeUnlockDay(d, 0, 0, 0)).ToList(),
            activeBadges.Select(b => (Badge: b, Holders: holders.GetValueOrDefault(b.Id)))
                .OrderByDescending(b => b.Holders).ThenBy(b => b.Badge.Name, StringComparer.Ordinal).ThenBy(b => b.Badge.Id)
                .Select(b => new BadgeHolding(b.Badge.Id, b.Badge.Name, b.Badge.Category, b.Badge.Rarity, b.Holders,
                    people == 0 ? 0 : Math.Round((double)b.Holders / people, 3)))
                .ToList());
    }

    /// <summary>The name of the covering index the top earners read on SQLite (<see cref="TopEarnersAsync"/>).</summary>
    public const string TopEarnersIndex = "ix_daily_user_stat_tenant_id_user_id_local_date_activity_points_reward_points";

    /// <summary>
    /// The ten people who earned most over the range (activity and reward points of their daily rows), most first, ties
    /// by id; on their own context (the behaviour dashboard reads them beside everything else).
    /// </summary>
    private async Task<List<RankedFigure>> TopEarnersAsync(AnalyticsFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        List<Earner> earners;
        if (filter.TeamId is null && db.Database.IsSqlite())
        {
            // SQLite's planner takes the (tenant, date, person) index for the date range, then sorts every row of the
            // range to group it by person: 1.0 s for 90 days of 10,000 agents. Read in person order from the covering
            // index instead, the grouping needs no sort: 0.2 s (bench -- analytics). Other databases plan it well.
            var tenantId = db.TenantId;
            earners = await db.Database.SqlQueryRaw<Earner>($$"""
                SELECT d.user_id AS "UserId", SUM(d.activity_points + d.reward_points) AS "Points"
                FROM daily_user_stat AS d INDEXED BY {{TopEarnersIndex}}
                WHERE d.tenant_id = {0} AND d.local_date >= {1} AND d.local_date <= {2}
                GROUP BY d.user_id
                ORDER BY "Points" DESC, d.user_id
                LIMIT 10
                """, tenantId, filter.From, filter.To).ToListAsync(ct);
        }
        else
        {
            var teamId = filter.TeamId;
            var members = db.Users.Where(u => teamId == null || u.TeamId == teamId).Select(u => u.Id);
            var daily = db.DailyUserStats.AsNoTracking().Where(s => s.LocalDate >= filter.From && s.LocalDate <= filter.To);
            if (teamId is not null)
            {
                daily = daily.Where(s => members.Contains(s.UserId));
            }
            earners = await daily
                .GroupBy(s => s.UserId)
                .Select(g => new Earner { UserId = g.Key, Points = g.Sum(s => s.ActivityPoints + s.RewardPoints) })
                .OrderByDescending(g => g.Points).ThenBy(g => g.UserId).Take(10).ToListAsync(ct);
        }
        // Names for the ten shown only (reading every person's would cost more than the sums on a big tenant).
        var earnerIds = earners.Select(e => e.UserId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => earnerIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, StringComparer.Ordinal, ct);
        return earners.Select(e => new RankedFigure(e.UserId, names.GetValueOrDefault(e.UserId) ?? "Former member", e.Points)).ToList();
    }

    /// <summary>One person's sum over a range (a row of <see cref="TopEarnersAsync"/>).</summary>
    private sealed class Earner
    {
        public string UserId { get; set; } = "";

        public long Points { get; set; }
    }

    /// <summary>Days from joining to reaching a level; never negative (history imported from before the account existed counts as 0).</summary>
    public static double DaysToReach(DateTimeOffset joined, DateTimeOffset reached) => Math.Max(0, (reached - joined).TotalDays);

    private static IEnumerable<DateOnly> Days(AnalyticsFilter filter)
    {
        for (var d = filter.From; d <= filter.To; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    /// <summary>Active agents in scope (people with an id in the call-center system).</summary>
    private static Task<int> PeopleAsync(GamificationDbContext db, long? teamId, CancellationToken ct) =>
        db.Users.CountAsync(u => u.IsActive && u.ExternalId != null && (teamId == null || u.TeamId == teamId), ct);

    private static async Task ValidateAsync(GamificationDbContext db, AnalyticsFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.To < filter.From)
        {
            throw DomainException.Invalid("to", "The end date must be on or after the start date.");
        }
        if (filter.To.DayNumber - filter.From.DayNumber + 1 > MaxDays)
        {
            throw DomainException.Invalid("from", $"A dashboard covers at most {MaxDays} days.");
        }
        if (filter.TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team, ct))
        {
            throw DomainException.NotFound("The team");
        }
    }
}
