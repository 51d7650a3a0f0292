namespace Gamification.Core.Leaderboards;

/// <summary>
/// Reads leaderboards (live: the engine keeps each person's score per period in the same transaction as every
/// award, so a read never sums the ledger) and takes their snapshots (rank changes). Reads go through the current
/// tenant's filter; snapshots name their tenant (jobs). Each read checks the tenant's board version and ranks from
/// this instance's <see cref="LeaderboardCache"/> unless the version moved.
/// </summary>
public sealed class LeaderboardService(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock, LeaderboardCache cache)
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
        // One connection for the read's statements (EF would open and close it around each).
        await db.Database.OpenConnectionAsync(ct);
        var (board, zone, config, now) = await BoardAsync(db, query.Period, ct);
        var period = query.Period;
        var depth = Depth(period);
        if (depth is { } d)
        {
            limit = Math.Max(0, Math.Min(limit, d - query.Offset));
        }
        if (query.TeamId is { } teamFilter && !board.TeamNames.ContainsKey(teamFilter))
        {
            throw DomainException.NotFound("The team");
        }
        long? callerTeam = null;
        if (query.Teams && board.Roster.Members.TryGetValue(callerUserId, out var team))
        {
            callerTeam = team;
        }

        (BoardRow Row, int Rank)? mine;
        List<(BoardRow Row, int Rank)> ranked;
        if (query.Teams || query.TeamId is not null)
        {
            // The team board, or one team's members ranked among themselves.
            ranked = query.Teams ? board.TeamRanking : RankedBoard.Rank(board.Ranked.Select(r => r.Row).Where(r => r.TeamId == query.TeamId));
            ranked = depth is { } cut ? ranked.TakeWhile(r => r.Rank <= cut).ToList() : ranked;
            mine = query.Teams
                ? ranked.Cast<(BoardRow Row, int Rank)?>().FirstOrDefault(r => callerTeam is not null && r!.Value.Row.TeamId == callerTeam)
                : ranked.Cast<(BoardRow Row, int Rank)?>().FirstOrDefault(r => r!.Value.Row.UserId == callerUserId);
        }
        else
        {
            // The whole board: the caller's row and rank wherever they stand, even below the board's depth.
            mine = board.PositionOf.TryGetValue(callerUserId, out var position) ? board.Ranked[position] : null;
            ranked = depth is { } cut ? board.Ranked.TakeWhile(r => r.Rank <= cut).ToList() : board.Ranked;
        }
        // The caller's row is found before a search narrows the list: it is always returned.
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            ranked = ranked.Where(r => r.Row.DisplayName.Contains(term, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        var total = ranked.Count;
        var page = ranked.Skip(query.Offset).Take(limit).ToList();

        var shown = page.Select(p => p.Row).Concat(mine is { } m ? [m.Row] : []).ToList();
        var extras = await ExtrasAsync(db, board, shown, query.Teams, now, zone, config, ct);
        LeaderboardEntryView View((BoardRow Row, int Rank) r) => new(
            r.Rank, r.Row.UserId, r.Row.TeamId, r.Row.DisplayName, r.Row.TeamName, r.Row.Points,
            extras.Change(r.Row), extras.PreviousRank(r.Row), extras.Badges(r.Row), extras.Streak(r.Row),
            query.Teams ? r.Row.TeamId is not null && r.Row.TeamId == callerTeam : r.Row.UserId == callerUserId);

        return new LeaderboardPage(period, period == LeaderboardPeriod.AllTime ? null : board.Start, LeaderboardRules.PeriodEnd(period, board.Start),
            page.Select(View).ToList(), mine is { } own ? View(own) : null, total, limit, query.Offset, now, extras.SnapshotAt);
    }

    /// <summary>The caller and their neighbours (one above, one below) on a board.</summary>
    public async Task<IReadOnlyList<LeaderboardEntryView>> AroundAsync(string userId, LeaderboardPeriod period, CancellationToken ct = default)
    {
        int position;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var (board, _, _, _) = await BoardAsync(db, period, ct);
            if (!board.PositionOf.TryGetValue(userId, out position))
            {
                return [];
            }
        }
        // The rows around the caller in the board's order: the page from their position minus one.
        var page = await GetAsync(userId, new LeaderboardQuery(period, Limit: 3, Offset: Math.Max(0, position - 1)), ct);
        return page.Entries;
    }

    /// <summary>The caller and their neighbours on the tenant's main board (its leaderboard reset period), with that period.</summary>
    public async Task<(LeaderboardPeriod Period, IReadOnlyList<LeaderboardEntryView> Entries)> AroundOnMainBoardAsync(string userId, CancellationToken ct = default)
    {
        LeaderboardPeriod period;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // The tenant's rules from this instance's board cache, as RankOfAsync reads them.
            await db.Database.OpenConnectionAsync(ct);
            var version = await LeaderboardVersions.ReadAsync(db, db.TenantId, ct);
            period = MainPeriod((await cache.RosterAsync(db, db.TenantId, version, ct)).Config);
        }
        return (period, await AroundAsync(userId, period, ct));
    }

    /// <summary>The user's rank on the tenant's main board (its leaderboard reset period), or null with no score.</summary>
    public async Task<int?> RankOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var version = await LeaderboardVersions.ReadAsync(db, db.TenantId, ct);
        var roster = await cache.RosterAsync(db, db.TenantId, version, ct);
        var (board, _, _, _) = await BoardAsync(db, MainPeriod(roster.Config), ct);
        return board.PositionOf.TryGetValue(userId, out var position) ? board.Ranked[position].Rank : null;
    }

    /// <summary>
    /// The current tenant's board of the period as of now: the tenant's board version first (one indexed lookup),
    /// then its rules and the ranked board from this instance's cache unless the version moved since.
    /// </summary>
    private async Task<(RankedBoard Board, TenantClock Zone, GamificationConfig Config, DateTimeOffset Now)> BoardAsync(
        GamificationDbContext db, LeaderboardPeriod period, CancellationToken ct)
    {
        var tenantId = db.TenantId;
        var version = await LeaderboardVersions.ReadAsync(db, tenantId, ct);
        var roster = await cache.RosterAsync(db, tenantId, version, ct);
        var now = clock.GetUtcNow();
        var start = LeaderboardRules.PeriodStart(period, roster.Zone.LocalDay(now));
        return (await cache.BoardAsync(db, tenantId, period, start, version, roster, now, ct), roster.Zone, roster.Config, now);
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
            var zone = await TenantRules.LoadClockAsync(db, tenantId, ct);
            var now = clock.GetUtcNow();
            var start = LeaderboardRules.PeriodStart(period, zone.LocalDay(now));
            var snapshots = db.LeaderboardSnapshots.IgnoreQueryFilters().Where(s => s.TenantId == tenantId && s.PeriodType == period);
            var latest = await snapshots.OrderByDescending(s => s.SnapshotAt).Select(s => (DateTimeOffset?)s.SnapshotAt).FirstOrDefaultAsync(ct);
            if (minimumAge is { } age && latest is { } last && now - last < age)
            {
                runs.Add(new SnapshotRun(tenantId, period, start, 0, 0, last, Skipped: true));
                continue;
            }
            var roster = await TenantRoster.LoadAsync(db, tenantId, 0, ct);
            var rows = await RankedBoard.LoadRowsAsync(db, tenantId, period, start, roster, ct);
            var users = RankedBoard.Rank(rows);
            var teams = RankedBoard.Rank(RankedBoard.TeamRows(rows, roster.TeamNames));
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
            var deleted = await snapshots.Where(s => s.SnapshotAt < expired).ExecuteDeleteAsync(ct);
            await db.SaveChangesAsync(ct);
            if (deleted > 0 && users.Count + teams.Count == 0)
            {
                // Nothing added (SaveChanges raised no version) but snapshots went: boards hold their times.
                await LeaderboardVersions.BumpAsync(db, tenantId, people: false, ct);
            }
            runs.Add(new SnapshotRun(tenantId, period, start, users.Count, teams.Count, now, Skipped: false));
        }
        return runs;
    }

    /// <summary>A row's key in a snapshot: the person, or (no person) the team.</summary>
    private static (string? UserId, long? TeamId) SnapshotKey(BoardRow row) => row.UserId is not null ? (row.UserId, null) : (null, row.TeamId);

    private sealed class Extras
    {
        public required Dictionary<string, BoardFigures> Figures { get; init; }
        public required Dictionary<string, int> Streaks { get; init; }
        public Dictionary<long, (int Badges, int Streak)> TeamFigures { get; init; } = [];
        public required Func<DateTimeOffset, BoardRow, SnapshotFigures?> Snapshot { get; init; }
        public DateTimeOffset? SnapshotAt { get; init; }
        public DateTimeOffset? DayAgoAt { get; init; }

        public int Badges(BoardRow r) => r.UserId is { } u ? Figures.GetValueOrDefault(u)?.Badges ?? 0 : TeamFigures.GetValueOrDefault(r.TeamId ?? 0).Badges;

        public int Streak(BoardRow r) => r.UserId is { } u ? Streaks.GetValueOrDefault(u) : TeamFigures.GetValueOrDefault(r.TeamId ?? 0).Streak;

        public int? PreviousRank(BoardRow r) => SnapshotAt is { } at ? Snapshot(at, r)?.Rank : null;

        public long Change(BoardRow r) => r.Points - (DayAgoAt is { } at ? Snapshot(at, r)?.Points ?? 0 : 0);
    }

    /// <summary>
    /// Badge counts, live streaks and the snapshot figures of the rows shown: from the board when an earlier read of
    /// the same version asked for them, else a few indexed reads. A team's figures are its active members' badge
    /// total and longest streak.
    /// </summary>
    private static async Task<Extras> ExtrasAsync(GamificationDbContext db, RankedBoard board, List<BoardRow> rows, bool teams,
        DateTimeOffset now, TenantClock zone, GamificationConfig config, CancellationToken ct)
    {
        var today = zone.LocalDay(now);
        var teamIds = rows.Where(r => r.UserId is null && r.TeamId is not null).Select(r => r.TeamId!.Value).ToHashSet();
        var teamOf = teams ? board.Roster.Members.Where(m => teamIds.Contains(m.Value)).ToList() : [];
        IReadOnlyCollection<string> people = teams ? teamOf.Select(m => m.Key).ToList() : rows.Where(r => r.UserId is not null).Select(r => r.UserId!).ToList();
        var figures = await board.FiguresAsync(db, people, ct);
        var streaks = figures.ToDictionary(f => f.Key, f => PointsRules.LiveStreak(f.Value.StreakDays, f.Value.LastActiveDate, today, config), StringComparer.Ordinal);
        // The newest snapshot (previous ranks) and the newest at least 24 hours old (points change).
        var (latestAt, dayAgoAt) = (board.LatestSnapshotAt, board.DayAgoSnapshotAt);
        var times = new[] { latestAt, dayAgoAt }.OfType<DateTimeOffset>().Distinct().ToList();
        var snapshot = await board.SnapshotsAsync(db, times, rows, ct);
        return new Extras
        {
            Figures = figures,
            Streaks = streaks,
            TeamFigures = teamIds.ToDictionary(t => t, t => (
                teamOf.Where(m => m.Value == t).Sum(m => figures.GetValueOrDefault(m.Key)?.Badges ?? 0),
                teamOf.Where(m => m.Value == t).Select(m => streaks.GetValueOrDefault(m.Key)).DefaultIfEmpty(0).Max())),
            Snapshot = snapshot,
            SnapshotAt = latestAt,
            DayAgoAt = dayAgoAt,
        };
    }
}
