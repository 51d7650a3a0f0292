using Gamification.Core.Data;
using Gamification.Core.Points;
using Gamification.Core.Tenants;

using Microsoft.EntityFrameworkCore;

namespace Gamification.Core.Leaderboards;

/// <summary>
/// Reads leaderboards (live: the engine keeps each person's score per period in the same transaction as every
/// award, so a read never sums the ledger) and takes their snapshots (rank changes). Reads go through the current
/// tenant's filter; snapshots name their tenant (jobs).
/// </summary>
public sealed class LeaderboardService(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The most rows one page may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>How long snapshots are kept: enough for the previous one and the one about a day earlier.</summary>
    public static readonly TimeSpan SnapshotRetention = TimeSpan.FromDays(3);

    /// <summary>RULES.md: daily top 50, weekly top 100, monthly and all-time everyone (paged by 100).</summary>
    public static int DefaultLimit(LeaderboardPeriod period) => period switch
    {
        LeaderboardPeriod.Daily => 50,
        _ => 100,
    };

    /// <summary>How deep a board goes: daily 50, weekly 100, monthly and all-time unlimited.</summary>
    public static int? Depth(LeaderboardPeriod period) => period switch
    {
        LeaderboardPeriod.Daily => 50,
        LeaderboardPeriod.Weekly => 100,
        _ => null,
    };

    /// <summary>The board's period from the tenant setting ("daily", "weekly", "monthly"; anything else weekly).</summary>
    public static LeaderboardPeriod MainPeriod(GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.LeaderboardResetPeriod?.ToLowerInvariant() switch
        {
            "daily" => LeaderboardPeriod.Daily,
            "monthly" => LeaderboardPeriod.Monthly,
            _ => LeaderboardPeriod.Weekly,
        };
    }

    private sealed record Row(string? UserId, long? TeamId, string DisplayName, string? TeamName, long Points);

    /// <summary>A page of the board for the current tenant, with the caller's own row.</summary>
    /// <exception cref="DomainException">Bad period, limit or offset (400), unknown team (404).</exception>
    public async Task<LeaderboardPage> GetAsync(string callerUserId, LeaderboardQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Enum.IsDefined(query.Period))
        {
            throw DomainException.Invalid("period", "The period is daily, weekly, monthly or all_time.");
        }
        var limit = query.Limit ?? DefaultLimit(query.Period);
        if (limit is < 1 or > MaxLimit)
        {
            throw DomainException.Invalid("limit", $"limit is between 1 and {MaxLimit}.");
        }
        if (query.Offset < 0)
        {
            throw DomainException.Invalid("offset", "offset is 0 or more.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One connection for the read's few statements (EF would open and close it around each).
        await db.Database.OpenConnectionAsync(ct);
        var (zone, config) = await RulesAsync(db, ct);
        var now = clock.GetUtcNow();
        var start = LeaderboardRules.PeriodStart(query.Period, zone.LocalDay(now));
        var period = query.Period;
        var depth = Depth(period);
        if (depth is { } d)
        {
            limit = Math.Max(0, Math.Min(limit, d - query.Offset));
        }
        var caller = query.Teams
            ? await db.Users.AsNoTracking().Where(u => u.Id == callerUserId).Select(u => new { u.Id, u.TeamId }).FirstOrDefaultAsync(ct)
            : null;
        if (query.TeamId is { } teamFilter && !await db.Teams.AnyAsync(t => t.Id == teamFilter, ct))
        {
            throw DomainException.NotFound("The team");
        }

        List<(Row Row, int Rank)> page;
        (Row Row, int Rank)? mine;
        int total;
        if (query.Teams || query.TeamId is not null || !string.IsNullOrWhiteSpace(query.Search))
        {
            // Filtered boards and the team board are small or searched: ranked in memory.
            var rows = query.Teams ? await TeamRowsAsync(db, period, start, ct) : await UserRowsAsync(db, period, start, query.TeamId, null, ct);
            var ranked = Rank(rows);
            if (depth is { } cut)
            {
                ranked = ranked.Where(r => r.Rank <= cut).ToList();
            }
            // The caller's row is found before a search narrows the list: it is always returned.
            mine = query.Teams
                ? ranked.Cast<(Row Row, int Rank)?>().FirstOrDefault(r => r!.Value.Row.TeamId == caller?.TeamId && caller?.TeamId is not null)
                : ranked.Cast<(Row Row, int Rank)?>().FirstOrDefault(r => r!.Value.Row.UserId == callerUserId);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim();
                ranked = ranked.Where(r => r.Row.DisplayName.Contains(term, StringComparison.OrdinalIgnoreCase)).ToList();
            }
            total = ranked.Count;
            page = ranked.Skip(query.Offset).Take(limit).ToList();
        }
        else
        {
            (page, total) = await TopAsync(db, period, start, query.Offset, limit, depth, ct);
            // On the page already: its rank is known; else by the index.
            mine = page.Cast<(Row Row, int Rank)?>().FirstOrDefault(r => r!.Value.Row.UserId == callerUserId)
                ?? await UserRankAsync(db, period, start, callerUserId, ct);
        }

        var shown = page.Select(p => p.Row).Concat(mine is { } m ? [m.Row] : []).ToList();
        var extras = await ExtrasAsync(db, period, start, shown, query.Teams, now, zone, config, ct);
        LeaderboardEntryView View((Row Row, int Rank) r) => new(
            r.Rank, r.Row.UserId, r.Row.TeamId, r.Row.DisplayName, r.Row.TeamName, r.Row.Points,
            extras.Change(r.Row), extras.PreviousRank(r.Row), extras.Badges(r.Row), extras.Streak(r.Row),
            query.Teams ? r.Row.TeamId is not null && r.Row.TeamId == caller?.TeamId : r.Row.UserId == callerUserId);

        return new LeaderboardPage(period, period == LeaderboardPeriod.AllTime ? null : start, LeaderboardRules.PeriodEnd(period, start),
            page.Select(View).ToList(), mine is { } own ? View(own) : null, total, limit, query.Offset, now, extras.SnapshotAt);
    }

    /// <summary>The caller and their neighbours (one above, one below) on a board.</summary>
    public async Task<IReadOnlyList<LeaderboardEntryView>> AroundAsync(string userId, LeaderboardPeriod period, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var zone = await LedgerUnit.LoadClockAsync(db, db.TenantId, ct);
        var start = LeaderboardRules.PeriodStart(period, zone.LocalDay(clock.GetUtcNow()));
        if (await UserRankAsync(db, period, start, userId, ct) is not { } mine)
        {
            return [];
        }
        // The rows around the caller in the board's order: the page from their position minus one.
        var position = await PositionAsync(db, period, start, mine.Row, ct);
        var page = await GetAsync(userId, new LeaderboardQuery(period, Limit: 3, Offset: Math.Max(0, position - 1)), ct);
        return page.Entries;
    }

    /// <summary>The user's rank on the tenant's main board (its leaderboard reset period), or null with no score.</summary>
    public async Task<int?> RankOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (zone, config) = await LedgerUnit.LoadRulesAsync(db, db.TenantId, ct);
        var period = MainPeriod(config);
        var start = LeaderboardRules.PeriodStart(period, zone.LocalDay(clock.GetUtcNow()));
        return (await UserRankAsync(db, period, start, userId, ct))?.Rank;
    }

    /// <summary>
    /// Takes snapshots of the given periods' boards for a tenant (people and teams) unless one was taken within
    /// <paramref name="minimumAge"/> (null: always). Idempotent within that age. Each row keeps its rank, the rank in
    /// the previous snapshot of the period, and the change since the snapshot about 24 hours earlier.
    /// </summary>
    public async Task<IReadOnlyList<SnapshotRun>> SnapshotAsync(Guid tenantId, IReadOnlyCollection<LeaderboardPeriod> periods, TimeSpan? minimumAge, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var runs = new List<SnapshotRun>();
        foreach (var period in periods)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var zone = await LedgerUnit.LoadClockAsync(db, tenantId, ct);
            var now = clock.GetUtcNow();
            var start = LeaderboardRules.PeriodStart(period, zone.LocalDay(now));
            var snapshots = db.LeaderboardSnapshots.IgnoreQueryFilters().Where(s => s.TenantId == tenantId && s.PeriodType == period);
            var latest = await snapshots.OrderByDescending(s => s.SnapshotAt).Select(s => (DateTimeOffset?)s.SnapshotAt).FirstOrDefaultAsync(ct);
            if (minimumAge is { } age && latest is { } last && now - last < age)
            {
                runs.Add(new SnapshotRun(tenantId, period, start, 0, 0, last, Skipped: true));
                continue;
            }
            var users = Rank(await UserRowsAsync(db, period, start, null, tenantId, ct));
            var teams = Rank(await TeamRowsAsync(db, period, start, ct, tenantId));
            var previousAt = await snapshots.Where(s => s.PeriodStart == start).OrderByDescending(s => s.SnapshotAt).Select(s => (DateTimeOffset?)s.SnapshotAt).FirstOrDefaultAsync(ct);
            var dayAgo = now.AddHours(-24);
            var dayAgoAt = await snapshots.Where(s => s.PeriodStart == start && s.SnapshotAt <= dayAgo).OrderByDescending(s => s.SnapshotAt).Select(s => (DateTimeOffset?)s.SnapshotAt).FirstOrDefaultAsync(ct);
            // Keyed by row, so a board of thousands is matched in one pass.
            var previous = (previousAt is { } p ? await snapshots.Where(s => s.SnapshotAt == p && s.PeriodStart == start).AsNoTracking().ToListAsync(ct) : [])
                .ToDictionary(s => (s.UserId, s.TeamId));
            var earlier = (dayAgoAt is { } e ? await snapshots.Where(s => s.SnapshotAt == e && s.PeriodStart == start).AsNoTracking().ToListAsync(ct) : [])
                .ToDictionary(s => (s.UserId, s.TeamId));
            db.LeaderboardSnapshots.AddRange(users.Concat(teams).Select(r => new LeaderboardSnapshot
            {
                TenantId = tenantId,
                PeriodType = period,
                PeriodStart = start,
                UserId = r.Row.UserId,
                TeamId = r.Row.UserId is null ? r.Row.TeamId : null,
                Rank = r.Rank,
                Points = r.Row.Points,
                PreviousRank = previous.GetValueOrDefault(SnapshotKey(r.Row))?.Rank,
                PointsChange = r.Row.Points - (earlier.GetValueOrDefault(SnapshotKey(r.Row))?.Points ?? 0),
                SnapshotAt = now,
            }));
            // Only the newest snapshots are read; older ones go.
            var expired = now - SnapshotRetention;
            await snapshots.Where(s => s.SnapshotAt < expired).ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            runs.Add(new SnapshotRun(tenantId, period, start, users.Count, teams.Count, now, Skipped: false));
        }
        return runs;
    }

    /// <summary>A row's key in a snapshot: the person, or (no person) the team.</summary>
    private static (string? UserId, long? TeamId) SnapshotKey(Row row) => row.UserId is not null ? (row.UserId, null) : (null, row.TeamId);

    private static bool Same(LeaderboardSnapshot s, Row row) =>
        row.UserId is not null ? s.UserId == row.UserId : s.UserId is null && s.TeamId == row.TeamId;

    /// <summary>Competition ranking; equal scores listed by display name.</summary>
    private static List<(Row Row, int Rank)> Rank(IEnumerable<Row> rows)
    {
        var ordered = rows.OrderByDescending(r => r.Points).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.UserId, StringComparer.Ordinal).ToList();
        return LeaderboardRules.CompetitionRanks(ordered, r => r.Points);
    }

    /// <summary>
    /// A period's rows scoring at least <paramref name="atLeast"/> (at least 1: nobody is on a board without points).
    /// One lower bound only, so SQLite seeks the (tenant, period, start, points) index to it.
    /// </summary>
    private static IQueryable<LeaderboardScore> Board(GamificationDbContext db, LeaderboardPeriod period, DateOnly start, Guid? tenantId, long atLeast = 1)
    {
        var bound = Math.Max(1, atLeast);
        return (tenantId is { } t ? db.LeaderboardScores.IgnoreQueryFilters().Where(s => s.TenantId == t) : db.LeaderboardScores)
            .Where(s => s.PeriodType == period && s.PeriodStart == start && s.Points >= bound);
    }

    private static async Task<List<Row>> UserRowsAsync(GamificationDbContext db, LeaderboardPeriod period, DateOnly start, long? teamId, Guid? tenantId, CancellationToken ct)
    {
        var users = tenantId is { } t ? db.Users.IgnoreQueryFilters().Where(u => u.TenantId == t) : db.Users;
        var rows = from s in Board(db, period, start, tenantId)
                   join u in users on s.UserId equals u.Id
                   where u.IsActive && (teamId == null || u.TeamId == teamId)
                   select new { s.UserId, u.TeamId, u.DisplayName, s.Points };
        var list = await rows.AsNoTracking().ToListAsync(ct);
        var names = await TeamNamesAsync(db, tenantId, ct);
        return list.Select(r => new Row(r.UserId, r.TeamId, r.DisplayName, r.TeamId is { } id ? names.GetValueOrDefault(id) : null, r.Points)).ToList();
    }

    /// <summary>A team's score is the sum of its current members' scores.</summary>
    private static async Task<List<Row>> TeamRowsAsync(GamificationDbContext db, LeaderboardPeriod period, DateOnly start, CancellationToken ct, Guid? tenantId = null)
    {
        var users = tenantId is { } t ? db.Users.IgnoreQueryFilters().Where(u => u.TenantId == t) : db.Users;
        var sums = await (from s in Board(db, period, start, tenantId)
                          join u in users on s.UserId equals u.Id
                          where u.IsActive && u.TeamId != null
                          group s.Points by u.TeamId into g
                          select new { TeamId = g.Key, Points = g.Sum() }).ToListAsync(ct);
        var names = await TeamNamesAsync(db, tenantId, ct);
        return sums.Where(s => s.TeamId is not null && names.ContainsKey(s.TeamId.Value))
            .Select(s => new Row(null, s.TeamId, names[s.TeamId!.Value], names[s.TeamId!.Value], s.Points)).ToList();
    }

    private static async Task<Dictionary<long, string>> TeamNamesAsync(GamificationDbContext db, Guid? tenantId, CancellationToken ct) =>
        await (tenantId is { } t ? db.Teams.IgnoreQueryFilters().Where(x => x.TenantId == t) : db.Teams).AsNoTracking()
            .ToDictionaryAsync(x => x.Id, x => x.Name, ct);

    /// <summary>
    /// A page of the whole board by the (tenant, period, start, points) index: the points of the page's last row,
    /// then every row at or above it (ties at the edge included, so their name order is exact), ranked in memory.
    /// </summary>
    private static async Task<(List<(Row Row, int Rank)> Page, int Total)> TopAsync(
        GamificationDbContext db, LeaderboardPeriod period, DateOnly start, int offset, int limit, int? depth, CancellationToken ct)
    {
        var board = Board(db, period, start, null);
        long edge;
        int total;
        if (depth is { } d)
        {
            // A board cut at its depth: its top scores at once give both the count and the page's edge.
            var tops = await board.OrderByDescending(s => s.Points).Take(d).Select(s => s.Points).ToListAsync(ct);
            total = tops.Count;
            if (limit == 0 || offset >= total)
            {
                return ([], total);
            }
            edge = tops[Math.Min(offset + limit, total) - 1];
        }
        else
        {
            total = await board.CountAsync(ct);
            if (limit == 0 || offset >= total)
            {
                return ([], total);
            }
            edge = await board.OrderByDescending(s => s.Points).Skip(offset + limit - 1).Select(s => (long?)s.Points).FirstOrDefaultAsync(ct) ?? 1;
        }
        var rows = await (from s in Board(db, period, start, null, edge)
                          join u in db.Users on s.UserId equals u.Id
                          join t in db.Teams on u.TeamId equals t.Id into ts
                          from t in ts.DefaultIfEmpty()
                          where u.IsActive
                          select new { s.UserId, u.TeamId, u.DisplayName, TeamName = t == null ? null : t.Name, s.Points }).AsNoTracking().ToListAsync(ct);
        var ranked = Rank(rows.Select(r => new Row(r.UserId, r.TeamId, r.DisplayName, r.TeamName, r.Points)));
        if (depth is { } cut)
        {
            ranked = ranked.Where(r => r.Rank <= cut).ToList();
        }
        return (ranked.Skip(offset).Take(limit).ToList(), total);
    }

    /// <summary>The user's own row: their score by the unique index, their rank = 1 + the rows scoring more.</summary>
    private static async Task<(Row Row, int Rank)?> UserRankAsync(GamificationDbContext db, LeaderboardPeriod period, DateOnly start, string userId, CancellationToken ct)
    {
        // By the unique (tenant, period, start, user) index; then the rows scoring more, by the points index.
        var mine = await (from s in db.LeaderboardScores.Where(s => s.PeriodType == period && s.PeriodStart == start && s.UserId == userId)
                          join u in db.Users on s.UserId equals u.Id
                          join t in db.Teams on u.TeamId equals t.Id into ts
                          from t in ts.DefaultIfEmpty()
                          select new
                          {
                              s.UserId,
                              u.TeamId,
                              u.DisplayName,
                              TeamName = t == null ? null : t.Name,
                              s.Points,
                              // The rows scoring more, counted by the points index in the same statement.
                              Ahead = db.LeaderboardScores.Count(o => o.PeriodType == period && o.PeriodStart == start && o.Points > s.Points),
                          }).AsNoTracking().FirstOrDefaultAsync(ct);
        if (mine is null || mine.Points <= 0)
        {
            return null;
        }
        return (new Row(mine.UserId, mine.TeamId, mine.DisplayName, mine.TeamName, mine.Points), mine.Ahead + 1);
    }

    /// <summary>The row's place in the board's order (0-based): rows scoring more, then equal scores earlier by name.</summary>
    private static async Task<int> PositionAsync(GamificationDbContext db, LeaderboardPeriod period, DateOnly start, Row row, CancellationToken ct)
    {
        var ahead = await Board(db, period, start, null, row.Points + 1).CountAsync(ct);
        var tied = await (from s in Board(db, period, start, null, row.Points).Where(s => s.Points == row.Points)
                          join u in db.Users on s.UserId equals u.Id
                          select new { s.UserId, u.DisplayName }).AsNoTracking().ToListAsync(ct);
        return ahead + tied.Count(t => StringComparer.OrdinalIgnoreCase.Compare(t.DisplayName, row.DisplayName) < 0
            || (StringComparer.OrdinalIgnoreCase.Compare(t.DisplayName, row.DisplayName) == 0 && StringComparer.Ordinal.Compare(t.UserId, row.UserId) < 0));
    }

    private sealed class Extras
    {
        public Dictionary<string, int> BadgeCounts { get; init; } = [];
        public Dictionary<string, int> Streaks { get; init; } = [];
        public Dictionary<long, (int Badges, int Streak)> TeamFigures { get; init; } = [];
        public List<LeaderboardSnapshot> Latest { get; init; } = [];
        public List<LeaderboardSnapshot> DayAgo { get; init; } = [];
        public DateTimeOffset? SnapshotAt { get; init; }

        public int Badges(Row r) => r.UserId is { } u ? BadgeCounts.GetValueOrDefault(u) : TeamFigures.GetValueOrDefault(r.TeamId ?? 0).Badges;

        public int Streak(Row r) => r.UserId is { } u ? Streaks.GetValueOrDefault(u) : TeamFigures.GetValueOrDefault(r.TeamId ?? 0).Streak;

        public int? PreviousRank(Row r) => Latest.FirstOrDefault(s => Same(s, r))?.Rank;

        public long Change(Row r) => r.Points - (DayAgo.FirstOrDefault(s => Same(s, r))?.Points ?? 0);
    }

    /// <summary>Badge counts, live streaks and the snapshot figures of the rows shown (a handful of indexed reads).</summary>
    private static async Task<Extras> ExtrasAsync(GamificationDbContext db, LeaderboardPeriod period, DateOnly start, List<Row> rows, bool teams,
        DateTimeOffset now, TenantClock zone, GamificationConfig config, CancellationToken ct)
    {
        var today = zone.LocalDay(now);
        var userIds = rows.Where(r => r.UserId is not null).Select(r => r.UserId!).Distinct().ToList();
        var teamIds = rows.Where(r => r.UserId is null && r.TeamId is not null).Select(r => r.TeamId!.Value).Distinct().ToList();
        List<string> people = userIds;
        Dictionary<string, long?> teamOf = [];
        if (teams && teamIds.Count > 0)
        {
            teamOf = await db.Users.AsNoTracking().Where(u => u.IsActive && u.TeamId != null && EF.Parameter(teamIds).Contains(u.TeamId!.Value))
                .ToDictionaryAsync(u => u.Id, u => u.TeamId, ct);
            people = [.. teamOf.Keys];
        }
        // Streaks and badge counts of the people shown, in one query.
        var figures = await db.UserPoints.AsNoTracking().Where(p => EF.Parameter(people).Contains(p.UserId))
            .Select(p => new { p.UserId, p.StreakDays, p.LastActiveDate, Badges = db.UserBadges.Count(b => b.UserId == p.UserId) })
            .ToListAsync(ct);
        var badgeCounts = figures.ToDictionary(p => p.UserId, p => p.Badges);
        var streaks = figures.ToDictionary(p => p.UserId, p => PointsRules.LiveStreak(p.StreakDays, p.LastActiveDate, today, config));
        var snapshots = db.LeaderboardSnapshots.AsNoTracking().Where(s => s.PeriodType == period && s.PeriodStart == start);
        // The snapshot times of the period, newest first (a few dozen at most: older ones are deleted), in one statement.
        var times = await snapshots.Select(s => s.SnapshotAt).Distinct().OrderByDescending(t => t).Take(100).ToListAsync(ct);
        var dayAgo = now.AddHours(-24);
        DateTimeOffset? latestAt = times.Count > 0 ? times[0] : null;
        DateTimeOffset? dayAgoAt = times.Where(t => t <= dayAgo).Cast<DateTimeOffset?>().FirstOrDefault();
        // The rows of both snapshots in one query.
        var a = latestAt ?? DateTimeOffset.MinValue;
        var b = dayAgoAt ?? DateTimeOffset.MinValue;
        var taken = latestAt is null ? [] : teams
            ? await snapshots.Where(s => (s.SnapshotAt == a || s.SnapshotAt == b) && s.UserId == null && s.TeamId != null && EF.Parameter(teamIds).Contains(s.TeamId!.Value)).ToListAsync(ct)
            : await snapshots.Where(s => (s.SnapshotAt == a || s.SnapshotAt == b) && s.UserId != null && EF.Parameter(userIds).Contains(s.UserId)).ToListAsync(ct);
        return new Extras
        {
            BadgeCounts = badgeCounts,
            Streaks = streaks,
            TeamFigures = teamIds.ToDictionary(t => t, t => (
                teamOf.Where(m => m.Value == t).Sum(m => badgeCounts.GetValueOrDefault(m.Key)),
                teamOf.Where(m => m.Value == t).Select(m => streaks.GetValueOrDefault(m.Key)).DefaultIfEmpty(0).Max())),
            Latest = latestAt is null ? [] : taken.Where(s => s.SnapshotAt == a).ToList(),
            DayAgo = dayAgoAt is null ? [] : taken.Where(s => s.SnapshotAt == b).ToList(),
            SnapshotAt = latestAt,
        };
    }

    /// <summary>The current tenant's calendar and rules in one query.</summary>
    private static async Task<(TenantClock Zone, GamificationConfig Config)> RulesAsync(GamificationDbContext db, CancellationToken ct)
    {
        var tenantId = db.TenantId;
        var row = await db.GamificationConfigs.AsNoTracking()
            .Select(c => new { Config = c, Zone = db.Tenants.Where(t => t.Id == tenantId).Select(t => t.TimeZoneId).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return (await LedgerUnit.LoadClockAsync(db, db.TenantId, ct), new GamificationConfig { TenantId = tenantId });
        }
        return (TenantClock.For(row.Zone ?? "UTC"), row.Config);
    }

}
