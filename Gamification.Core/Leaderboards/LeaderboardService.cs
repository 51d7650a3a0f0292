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

    /// <summary>How an anonymous person is named on colleagues' boards.</summary>
    public const string AnonymousName = "Anonymous agent";

    /// <summary>How many places above and below their own an agent sees while "protect the bottom" is on.</summary>
    public const int Neighbourhood = 2;

    /// <summary>
    /// A page of the board for the current tenant, with the caller's own row, as <see cref="LeaderboardQuery.Viewer"/>
    /// may see it (docs/rules.md, A say over being ranked).
    /// </summary>
    /// <exception cref="DomainException">Bad period, limit or offset (400), unknown team (404), leagues switched off (400).</exception>
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
        var read = await BoardAsync(db, query.Period, callerUserId, ct);
        var (board, zone, config, now) = (read.Board, read.Zone, read.Config, read.Now);
        var period = query.Period;
        if (Depth(period) is { } d)
        {
            limit = Math.Max(0, Math.Min(limit, d - query.Offset));
        }
        var arranged = await ArrangeAsync(db, board, config, callerUserId, query, ct);
        var ranked = arranged.Ranked;
        // The caller's row is found before a search narrows the list: it is always returned.
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            ranked = ranked.Where(r => arranged.NameOf(r.Row).Contains(term, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        var total = ranked.Count;
        var page = ranked.Skip(query.Offset).Take(limit).ToList();
        var views = await ViewsAsync(db, read, arranged, page, query, ct);
        return new LeaderboardPage(period, period == LeaderboardPeriod.AllTime ? null : board.Start, LeaderboardRules.PeriodEnd(period, board.Start),
            views.Entries, views.Mine, total, limit, query.Offset, now, views.SnapshotAt, arranged.League, config.Leagues, arranged.TopShown);
    }

    /// <summary>The caller and their neighbours (one above, one below) on a board, as the caller sees it.</summary>
    public async Task<IReadOnlyList<LeaderboardEntryView>> AroundAsync(string userId, LeaderboardPeriod period, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var read = await BoardAsync(db, period, userId, ct);
        var query = new LeaderboardQuery(period);
        var arranged = await ArrangeAsync(db, read.Board, read.Config, userId, query, ct);
        if (arranged.MinePosition is not { } position)
        {
            return [];
        }
        var rows = arranged.Ranked.Skip(Math.Max(0, position - 1)).Take(position == 0 ? 2 : 3).ToList();
        return (await ViewsAsync(db, read, arranged, rows, query, ct)).Entries;
    }

    /// <summary>
    /// The rows a reader may see, in order with their ranks: the team board as it is; a people board without the people
    /// hidden from this reader (ranks counted among those shown), narrowed to a team or a tier, cut at the period's
    /// depth, and for an agent under "protect the bottom" the top N and their own neighbourhood.
    /// </summary>
    private static async Task<Arranged> ArrangeAsync(GamificationDbContext db, RankedBoard board, GamificationConfig config, string caller,
        LeaderboardQuery query, CancellationToken ct)
    {
        var viewer = query.Viewer;
        var depth = Depth(query.Period);
        if (query.TeamId is { } teamFilter && !board.TeamNames.ContainsKey(teamFilter))
        {
            throw DomainException.NotFound("The team");
        }
        if (query.Teams)
        {
            // The team board counts every member's points, whatever they chose.
            long? callerTeam = board.Roster.Members.TryGetValue(caller, out var team) ? team : null;
            var teams = depth is { } cut ? board.TeamRanking.TakeWhile(r => r.Rank <= cut).ToList() : board.TeamRanking;
            var mineAt = callerTeam is null ? -1 : teams.FindIndex(r => r.Row.TeamId == callerTeam);
            return new Arranged(board, viewer, caller, teams, mineAt >= 0 ? teams[mineAt] : null, mineAt >= 0 ? mineAt : null, callerTeam, null, null);
        }

        var callerHidden = viewer == BoardViewer.Agent && board.TryPosition(caller, out var own) && board.IsHidden(board.Ranked[own].Row);
        List<(BoardRow Row, int Rank)> people = viewer switch
        {
            BoardViewer.Staff => board.Ranked,
            // A hidden agent still sees themself, ranked among the people shown.
            _ when callerHidden => Rerank(board.Ranked.Where(r => !board.IsHidden(r.Row) || r.Row.UserId == caller)),
            _ => board.ShownRanking,
        };
        if (query.TeamId is { } teamId)
        {
            // An anonymous person shows no team, so a team's list leaves them out for colleagues.
            people = Rerank(people.Where(r => r.Row.TeamId == teamId
                && (viewer == BoardViewer.Staff || r.Row.UserId == caller || board.VisibilityOf(r.Row) != LeaderboardVisibility.Anonymous)));
        }
        string? league = null;
        if (query.League || !string.IsNullOrWhiteSpace(query.Tier))
        {
            if (!config.Leagues)
            {
                throw DomainException.Invalid("league", "Your company has switched leagues off.");
            }
            var tiers = await board.TiersAsync(db, ct);
            league = !string.IsNullOrWhiteSpace(query.Tier) ? query.Tier.Trim()
                : tiers.GetValueOrDefault(caller) ?? throw DomainException.Invalid("league", "Only people with a level have a league; pick a tier.");
            var tier = league;
            league = tiers.Values.FirstOrDefault(t => string.Equals(t, tier, StringComparison.OrdinalIgnoreCase)) ?? tier;
            people = Rerank(people.Where(r => r.Row.UserId is { } id && string.Equals(tiers.GetValueOrDefault(id), tier, StringComparison.OrdinalIgnoreCase)));
        }

        // The caller's row and rank wherever they stand, even below the board's depth.
        int? minePosition = ReferenceEquals(people, board.Ranked)
            ? board.TryPosition(caller, out var at) ? at : null
            : people.FindIndex(r => r.Row.UserId == caller) is var found and >= 0 ? found : null;
        var mine = minePosition is { } m ? people[m] : ((BoardRow Row, int Rank)?)null;
        var ranked = depth is { } deepest ? people.TakeWhile(r => r.Rank <= deepest).ToList() : people;
        int? topShown = null;
        if (viewer == BoardViewer.Agent && config.ProtectBottom)
        {
            // The top N and the reader's neighbourhood, never the full bottom of the list.
            topShown = config.ProtectBottomTop;
            var top = config.ProtectBottomTop;
            ranked = ranked.Where((r, i) => r.Rank <= top || (minePosition is { } p && Math.Abs(i - p) <= Neighbourhood)).ToList();
            minePosition = mine is null ? null : ranked.FindIndex(r => r.Row.UserId == caller) is var again and >= 0 ? again : null;
        }
        else if (!ReferenceEquals(ranked, people))
        {
            minePosition = minePosition < ranked.Count ? minePosition : null;
        }
        return new Arranged(board, viewer, caller, ranked, mine, minePosition, null, league, topShown);
    }

    /// <summary>Competition ranks of rows kept in board order.</summary>
    private static List<(BoardRow Row, int Rank)> Rerank(IEnumerable<(BoardRow Row, int Rank)> rows) =>
        LeaderboardRules.CompetitionRanks(rows.Select(r => r.Row).ToList(), r => r.Points);

    /// <summary>The rows a reader may see (<see cref="ArrangeAsync"/>).</summary>
    /// <param name="MinePosition">The caller's place in <paramref name="Ranked"/>, when they are in it.</param>
    /// <param name="CallerTeam">On the team board, the caller's team.</param>
    private sealed record Arranged(RankedBoard Board, BoardViewer Viewer, string Caller, List<(BoardRow Row, int Rank)> Ranked,
        (BoardRow Row, int Rank)? Mine, int? MinePosition, long? CallerTeam, string? League, int? TopShown)
    {
        /// <summary>A colleague who chose to be anonymous, read by someone who is not staff.</summary>
        public bool Masked(BoardRow row) =>
            Viewer != BoardViewer.Staff && row.UserId is { } id && id != Caller && Board.VisibilityOf(row) == LeaderboardVisibility.Anonymous;

        /// <summary>The name the reader sees.</summary>
        public string NameOf(BoardRow row) => Masked(row) ? AnonymousName : row.DisplayName;
    }

    /// <summary>The page's rows and the caller's own as the reader sees them, with their badges, streaks and rank changes.</summary>
    private static async Task<(List<LeaderboardEntryView> Entries, LeaderboardEntryView? Mine, DateTimeOffset? SnapshotAt)> ViewsAsync(
        GamificationDbContext db, BoardRead read, Arranged arranged, List<(BoardRow Row, int Rank)> page, LeaderboardQuery query, CancellationToken ct)
    {
        var board = read.Board;
        var shown = page.Select(p => p.Row).Concat(arranged.Mine is { } m ? [m.Row] : []).ToList();
        var extras = await ExtrasAsync(db, read, arranged.Caller, shown, query.Teams, ct);
        LeaderboardEntryView View((BoardRow Row, int Rank) r)
        {
            var masked = arranged.Masked(r.Row);
            return new(
                r.Rank, masked ? null : r.Row.UserId, masked ? null : r.Row.TeamId, arranged.NameOf(r.Row), masked ? null : r.Row.TeamName, r.Row.Points,
                extras.Change(r.Row), extras.PreviousRank(r.Row), extras.Badges(r.Row), extras.Streak(r.Row),
                query.Teams ? r.Row.TeamId is not null && r.Row.TeamId == arranged.CallerTeam : r.Row.UserId == arranged.Caller,
                arranged.Viewer == BoardViewer.Staff && r.Row.UserId is not null ? board.VisibilityOf(r.Row) : null);
        }
        return (page.Select(View).ToList(), arranged.Mine is { } own ? View(own) : null, extras.SnapshotAt);
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

    /// <summary>
    /// The user's rank on the tenant's main board (its leaderboard reset period) as they see it themself (among the
    /// people shown, themself included), or null with no score.
    /// </summary>
    public async Task<int?> RankOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var version = await LeaderboardVersions.ReadAsync(db, db.TenantId, ct);
        var roster = await cache.RosterAsync(db, db.TenantId, version, ct);
        var read = await BoardAsync(db, MainPeriod(roster.Config), userId, ct);
        var arranged = await ArrangeAsync(db, read.Board, read.Config, userId, new LeaderboardQuery(read.Board.Period), ct);
        return arranged.Mine?.Rank;
    }

    /// <summary>
    /// The current tenant's board of the period as of now: the tenant's board version first, with the caller's own
    /// streak and badge count (one statement of indexed lookups), then its rules and the ranked board from this
    /// instance's cache unless the version moved since.
    /// </summary>
    private async Task<BoardRead> BoardAsync(GamificationDbContext db, LeaderboardPeriod period, string caller, CancellationToken ct)
    {
        var tenantId = db.TenantId;
        var (version, callerFigures) = await LeaderboardVersions.ReadWithFiguresAsync(db, tenantId, caller, ct);
        var roster = await cache.RosterAsync(db, tenantId, version, ct);
        var now = clock.GetUtcNow();
        var start = LeaderboardRules.PeriodStart(period, roster.Zone.LocalDay(now));
        var board = await cache.BoardAsync(db, tenantId, period, start, version, roster, now, ct);
        return new BoardRead(board, roster.Zone, roster.Config, now, callerFigures);
    }

    /// <summary>A board as a read found it, with the caller's figures read beside its version (null before the tenant's first change).</summary>
    private sealed record BoardRead(RankedBoard Board, TenantClock Zone, GamificationConfig Config, DateTimeOffset Now, BoardFigures? CallerFigures);

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
    private static async Task<Extras> ExtrasAsync(GamificationDbContext db, BoardRead read, string caller, List<BoardRow> rows, bool teams, CancellationToken ct)
    {
        var (board, zone, config, now) = (read.Board, read.Zone, read.Config, read.Now);
        var today = zone.LocalDay(now);
        var teamIds = rows.Where(r => r.UserId is null && r.TeamId is not null).Select(r => r.TeamId!.Value).ToHashSet();
        var teamOf = teams ? board.Roster.Members.Where(m => teamIds.Contains(m.Value)).ToList() : [];
        IReadOnlyCollection<string> people = teams ? teamOf.Select(m => m.Key).ToList() : rows.Where(r => r.UserId is not null).Select(r => r.UserId!).ToList();
        // The caller's own figures came with the version: the others' from the board (read once per board version).
        var own = !teams && read.CallerFigures is { } known && people.Contains(caller) ? known : null;
        var figures = await board.FiguresAsync(db, own is null ? people : people.Where(id => id != caller).ToList(), ct);
        if (own is not null)
        {
            figures[caller] = own;
        }
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
