using System.Collections.Concurrent;

namespace Gamification.Core.Leaderboards;

/// <summary>A tenant's board versions: <see cref="Scores"/> moves with every change a board shows, <see cref="People"/> also with people, teams and rules.</summary>
public readonly record struct BoardVersion(long Scores, long People);

/// <summary>
/// A tenant's board version (<see cref="LeaderboardVersion"/>): read at the start of every leaderboard read, raised
/// by every write a board shows. Raised inside the writer's transaction (the engine's unit) or right after its
/// SaveChanges (<see cref="GamificationDbContext"/>), so once a write is acknowledged its version is visible.
/// </summary>
public static class LeaderboardVersions
{
    /// <summary>The tenant's versions (0 before its first change).</summary>
    public static async Task<BoardVersion> ReadAsync(GamificationDbContext db, Guid tenantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await db.LeaderboardVersions.AsNoTracking().Where(v => v.TenantId == tenantId)
            .Select(v => new { v.Version, v.PeopleVersion }).FirstOrDefaultAsync(ct);
        return row is null ? default : new BoardVersion(row.Version, row.PeopleVersion);
    }

    /// <summary>
    /// Raises the tenant's version by one, and its people version too when <paramref name="people"/> (creating the
    /// row on first use), in the context's current transaction if any.
    /// </summary>
    public static async Task BumpAsync(GamificationDbContext db, Guid tenantId, bool people, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlAsync(SqlDialect.Of(db).BumpBoardVersion(tenantId, people ? 1 : 0), ct);
    }

    /// <summary>The same, synchronously (for the synchronous SaveChanges).</summary>
    public static void Bump(GamificationDbContext db, Guid tenantId, bool people) =>
        BumpAsync(db, tenantId, people, CancellationToken.None).GetAwaiter().GetResult();
}

/// <summary>One person's row on a board, or a team's (<see cref="UserId"/> null).</summary>
internal sealed record BoardRow(string? UserId, long? TeamId, string DisplayName, string? TeamName, long Points);

/// <summary>What the engine stores beside a person's score that a board shows.</summary>
internal sealed record BoardFigures(int StreakDays, DateOnly? LastActiveDate, int Badges);

/// <summary>A row's figures in one snapshot.</summary>
internal sealed record SnapshotFigures(int Rank, long Points);

/// <summary>A tenant's roster: its active people (name, team, place in name order), its teams and its rules, as of a people version.</summary>
internal sealed class TenantRoster
{
    /// <param name="IsAgent">An agent (a person with an external id, as the integration knows them), listed on the boards that show everyone.</param>
    /// <param name="Visibility">How colleagues see them: their choice, or visible when the tenant switched the choice off.</param>
    public sealed record Person(string UserId, string DisplayName, long? TeamId, string? TeamName, int NameOrder, bool IsAgent, LeaderboardVisibility Visibility);

    private TenantRoster(long version, Dictionary<string, Person> byId, Dictionary<long, string> teamNames, TenantClock zone, GamificationConfig config)
    {
        Version = version;
        ById = byId;
        TeamNames = teamNames;
        Zone = zone;
        Config = config;
        Members = byId.Values.Where(p => p.TeamId is not null).ToDictionary(p => p.UserId, p => p.TeamId!.Value, StringComparer.Ordinal);
    }

    public long Version { get; }
    public Dictionary<string, Person> ById { get; }
    public Dictionary<long, string> TeamNames { get; }

    /// <summary>Active people in a team (person to team), for the team board.</summary>
    public Dictionary<string, long> Members { get; }

    public TenantClock Zone { get; }
    public GamificationConfig Config { get; }

    public static async Task<TenantRoster> LoadAsync(GamificationDbContext db, Guid tenantId, long version, CancellationToken ct)
    {
        var (zone, config) = await TenantRules.LoadAsync(db, tenantId, ct);
        var teams = await db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => t.TenantId == tenantId).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var users = await db.Users.IgnoreQueryFilters().AsNoTracking().Where(u => u.TenantId == tenantId && u.IsActive)
            .Select(u => new { u.Id, u.DisplayName, u.TeamId, IsAgent = u.ExternalId != null, u.LeaderboardVisibility }).ToListAsync(ct);
        // Equal scores are listed by name: each person's place in name order, so ranking compares numbers.
        var byId = users.OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(u => u.Id, StringComparer.Ordinal)
            .Select((u, i) => new Person(u.Id, u.DisplayName, u.TeamId, u.TeamId is { } t ? teams.GetValueOrDefault(t) : null, i, u.IsAgent,
                config.LeaderboardVisibilityChoice ? u.LeaderboardVisibility : LeaderboardVisibility.Visible))
            .ToDictionary(p => p.UserId, StringComparer.Ordinal);
        return new TenantRoster(version, byId, teams, zone, config);
    }
}

/// <summary>
/// One period's board of one tenant as of a version: every active person with points (and, on monthly and all-time
/// boards, every active agent without), ranked, and the period's
/// snapshot times; the figures of the rows shown are added as reads ask for them.
/// </summary>
internal sealed class RankedBoard
{
    private readonly ConcurrentDictionary<string, BoardFigures> figures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(DateTimeOffset At, string? UserId, long? TeamId), SnapshotFigures?> snapshots = new();
    private List<(BoardRow Row, int Rank)>? teamRanking;
    private List<(BoardRow Row, int Rank)>? shownRanking;
    private Dictionary<string, string>? tiers;

    private RankedBoard(Guid tenantId, LeaderboardPeriod period, DateOnly start, long version, TenantRoster roster, List<(BoardRow Row, int Rank)> ranked,
        DateTimeOffset? latestAt, DateTimeOffset? dayAgoAt, DateTimeOffset validUntil)
    {
        TenantId = tenantId;
        Period = period;
        Start = start;
        Version = version;
        Roster = roster;
        Ranked = ranked;
        LatestSnapshotAt = latestAt;
        DayAgoSnapshotAt = dayAgoAt;
        ValidUntil = validUntil;
        PositionOf = new Dictionary<string, int>(ranked.Count, StringComparer.Ordinal);
        for (var i = 0; i < ranked.Count; i++)
        {
            PositionOf[ranked[i].Row.UserId!] = i;
        }
    }

    public Guid TenantId { get; }
    public LeaderboardPeriod Period { get; }
    public DateOnly Start { get; }
    public long Version { get; }
    public TenantRoster Roster { get; }

    /// <summary>Everyone on the board in order: points descending, equal points by name; competition ranks.</summary>
    public List<(BoardRow Row, int Rank)> Ranked { get; }

    /// <summary>A person's place (0-based) in <see cref="Ranked"/>.</summary>
    public Dictionary<string, int> PositionOf { get; }

    public Dictionary<long, string> TeamNames => Roster.TeamNames;

    /// <summary>The period's newest snapshot (previous ranks come from it).</summary>
    public DateTimeOffset? LatestSnapshotAt { get; }

    /// <summary>The newest snapshot at least 24 hours old when the board was read (points change is against it).</summary>
    public DateTimeOffset? DayAgoSnapshotAt { get; }

    /// <summary>When a newer snapshot turns 24 hours old: the board is read again from then.</summary>
    public DateTimeOffset ValidUntil { get; }

    public long LastUsed { get; set; }

    /// <summary>The team board: a team's score is the sum of its current (active) members' scores.</summary>
    public List<(BoardRow Row, int Rank)> TeamRanking => teamRanking ??= Rank(TeamRows(Ranked.Select(r => r.Row), TeamNames));

    /// <summary>
    /// The board other agents see: everyone but the people who chose to be hidden, ranked among themselves (the board
    /// itself when nobody on it is hidden).
    /// </summary>
    public List<(BoardRow Row, int Rank)> ShownRanking => shownRanking ??=
        Ranked.Any(r => IsHidden(r.Row)) ? LeaderboardRules.CompetitionRanks(Ranked.Where(r => !IsHidden(r.Row)).Select(r => r.Row).ToList(), r => r.Points) : Ranked;

    /// <summary>A person who chose to be left out of colleagues' boards.</summary>
    public bool IsHidden(BoardRow row) => VisibilityOf(row) == LeaderboardVisibility.Hidden;

    /// <summary>A person's choice (teams are always visible).</summary>
    public LeaderboardVisibility VisibilityOf(BoardRow row) =>
        row.UserId is { } id && Roster.ById.TryGetValue(id, out var person) ? person.Visibility : LeaderboardVisibility.Visible;

    /// <summary>Each person's tier (the tier of their level; level 1's for people without one), read once per board version.</summary>
    public async Task<Dictionary<string, string>> TiersAsync(GamificationDbContext db, CancellationToken ct)
    {
        if (tiers is { } held)
        {
            return held;
        }
        var tenantId = TenantId;
        var levels = await db.PlayerLevels.IgnoreQueryFilters().AsNoTracking().Where(l => l.TenantId == tenantId)
            .ToDictionaryAsync(l => l.LevelNumber, l => l.Tier, ct);
        var reached = await db.UserLevels.IgnoreQueryFilters().AsNoTracking().Where(l => l.TenantId == tenantId)
            .Select(l => new { l.UserId, l.LevelNumber }).ToListAsync(ct);
        var first = levels.GetValueOrDefault(1) ?? "";
        var byUser = reached.ToDictionary(l => l.UserId, l => levels.GetValueOrDefault(l.LevelNumber) ?? first, StringComparer.Ordinal);
        foreach (var id in Roster.ById.Keys)
        {
            byUser.TryAdd(id, first);
        }
        return tiers = byUser;
    }

    /// <summary>
    /// Reads a board: the period's scores from the (tenant, period, start, points, user) index alone, joined in memory
    /// with the people (only active people are on boards), ranked; the snapshot times by three index seeks.
    /// </summary>
    public static async Task<RankedBoard> LoadAsync(GamificationDbContext db, Guid tenantId, LeaderboardPeriod period, DateOnly start, long version,
        TenantRoster roster, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await LoadRowsAsync(db, tenantId, period, start, roster, ct);
        var ranked = LeaderboardRules.CompetitionRanks(
            rows.Select(r => (Row: r, Order: roster.ById[r.UserId!].NameOrder)).OrderByDescending(r => r.Row.Points).ThenBy(r => r.Order).Select(r => r.Row).ToList(),
            r => r.Points);
        var snapshots = db.LeaderboardSnapshots.IgnoreQueryFilters().Where(s => s.TenantId == tenantId && s.PeriodType == period && s.PeriodStart == start);
        var dayAgo = now.AddHours(-24);
        var latestAt = await snapshots.MaxAsync(s => (DateTimeOffset?)s.SnapshotAt, ct);
        var dayAgoAt = await snapshots.Where(s => s.SnapshotAt <= dayAgo).MaxAsync(s => (DateTimeOffset?)s.SnapshotAt, ct);
        // The next snapshot after the day-old one becomes "about 24 hours earlier" once it is 24 hours old.
        var after = dayAgoAt ?? DateTimeOffset.MinValue;
        var next = await snapshots.Where(s => s.SnapshotAt > after).MinAsync(s => (DateTimeOffset?)s.SnapshotAt, ct);
        var validUntil = next is { } n ? n.AddHours(24) : DateTimeOffset.MaxValue;
        return new RankedBoard(tenantId, period, start, version, roster, ranked, latestAt, dayAgoAt, validUntil);
    }

    /// <summary>
    /// Every active person with points in the period, with their name and team; on the boards that show everyone
    /// (<see cref="LeaderboardRules.ListsEveryAgent"/>) also every active agent without points, at 0.
    /// </summary>
    public static async Task<List<BoardRow>> LoadRowsAsync(GamificationDbContext db, Guid tenantId, LeaderboardPeriod period, DateOnly start, TenantRoster roster, CancellationToken ct)
    {
        var scores = await db.LeaderboardScores.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.PeriodType == period && s.PeriodStart == start && s.Points >= 1)
            .Select(s => new { s.UserId, s.Points })
            .ToListAsync(ct);
        var rows = new List<BoardRow>(scores.Count);
        foreach (var score in scores)
        {
            if (roster.ById.TryGetValue(score.UserId, out var person))
            {
                rows.Add(new BoardRow(person.UserId, person.TeamId, person.DisplayName, person.TeamName, score.Points));
            }
        }
        if (LeaderboardRules.ListsEveryAgent(period))
        {
            var scored = scores.Select(s => s.UserId).ToHashSet(StringComparer.Ordinal);
            rows.AddRange(roster.ById.Values.Where(p => p.IsAgent && !scored.Contains(p.UserId))
                .Select(p => new BoardRow(p.UserId, p.TeamId, p.DisplayName, p.TeamName, 0)));
        }
        return rows;
    }

    /// <summary>One row per team with members on the board (teams that exist), its score their sum.</summary>
    public static List<BoardRow> TeamRows(IEnumerable<BoardRow> people, Dictionary<long, string> teamNames) =>
        people.Where(r => r.TeamId is { } t && teamNames.ContainsKey(t))
            .GroupBy(r => r.TeamId!.Value)
            .Select(g => new BoardRow(null, g.Key, teamNames[g.Key], teamNames[g.Key], g.Sum(r => r.Points)))
            .ToList();

    /// <summary>Competition ranking; equal scores listed by display name.</summary>
    public static List<(BoardRow Row, int Rank)> Rank(IEnumerable<BoardRow> rows)
    {
        var ordered = rows.OrderByDescending(r => r.Points).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.UserId, StringComparer.Ordinal).ToList();
        return LeaderboardRules.CompetitionRanks(ordered, r => r.Points);
    }

    /// <summary>Streak and badge figures of these people (read once per board version).</summary>
    public async Task<Dictionary<string, BoardFigures>> FiguresAsync(GamificationDbContext db, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var missing = userIds.Where(id => !figures.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var tenantId = TenantId;
            var found = await db.UserPoints.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.TenantId == tenantId && EF.Parameter(missing).Contains(p.UserId))
                .Select(p => new
                {
                    p.UserId,
                    p.StreakDays,
                    p.LastActiveDate,
                    Badges = db.UserBadges.IgnoreQueryFilters().Count(b => b.TenantId == tenantId && b.UserId == p.UserId),
                })
                .ToDictionaryAsync(p => p.UserId, p => new BoardFigures(p.StreakDays, p.LastActiveDate, p.Badges), StringComparer.Ordinal, ct);
            foreach (var id in missing)
            {
                figures[id] = found.GetValueOrDefault(id) ?? new BoardFigures(0, null, 0);
            }
        }
        return userIds.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => figures[id], StringComparer.Ordinal);
    }

    /// <summary>The rows' figures in the snapshots taken at <paramref name="times"/> (null: the row was not in it).</summary>
    public async Task<Func<DateTimeOffset, BoardRow, SnapshotFigures?>> SnapshotsAsync(
        GamificationDbContext db, IReadOnlyCollection<DateTimeOffset> times, IReadOnlyCollection<BoardRow> rows, CancellationToken ct)
    {
        static (string? UserId, long? TeamId) Key(BoardRow r) => r.UserId is not null ? (r.UserId, null) : (null, r.TeamId);
        var missing = times.SelectMany(t => rows.Select(r => (At: t, Key: Key(r)))).Where(k => !snapshots.ContainsKey((k.At, k.Key.UserId, k.Key.TeamId))).ToList();
        if (missing.Count > 0)
        {
            var (tenantId, period, start) = (TenantId, Period, Start);
            var at = missing.Select(m => m.At).Distinct().ToList();
            var (a, b) = (at[0], at.Count > 1 ? at[1] : at[0]);
            var userIds = missing.Where(m => m.Key.UserId is not null).Select(m => m.Key.UserId!).Distinct().ToList();
            var teamIds = missing.Where(m => m.Key.UserId is null && m.Key.TeamId is not null).Select(m => m.Key.TeamId!.Value).Distinct().ToList();
            var taken = await db.LeaderboardSnapshots.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.TenantId == tenantId && s.PeriodType == period && s.PeriodStart == start && (s.SnapshotAt == a || s.SnapshotAt == b)
                    && ((s.UserId != null && EF.Parameter(userIds).Contains(s.UserId))
                        || (s.UserId == null && s.TeamId != null && EF.Parameter(teamIds).Contains(s.TeamId!.Value))))
                .Select(s => new { s.SnapshotAt, s.UserId, s.TeamId, s.Rank, s.Points })
                .ToListAsync(ct);
            var byKey = taken.ToDictionary(s => (s.SnapshotAt, s.UserId, s.UserId is null ? s.TeamId : null), s => new SnapshotFigures(s.Rank, s.Points));
            foreach (var (when, (user, team)) in missing)
            {
                snapshots[(when, user, team)] = byKey.GetValueOrDefault((when, user, team));
            }
        }
        return (when, row) => snapshots.GetValueOrDefault((when, Key(row).UserId, Key(row).TeamId));
    }
}

/// <summary>
/// Each app instance's leaderboards in memory: a tenant's people and rules as of its people version, and each
/// period's ranked board as of its board version (<see cref="LeaderboardVersions"/>). A read costs one indexed
/// lookup of those versions; a board is read again only when its version moved (an award here or on another
/// instance), and then from one covering index. Bounded by the rows held: the boards least recently read go first.
/// </summary>
public sealed class LeaderboardCache(int maxRows = LeaderboardCache.DefaultMaxRows)
{
    /// <summary>About 200 bytes a row: 1,000,000 rows is a couple of hundred MiB at most.</summary>
    public const int DefaultMaxRows = 1_000_000;

    private sealed class BoardSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public RankedBoard? Board { get; set; }
    }

    private sealed class RosterSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public TenantRoster? Roster { get; set; }
    }

    private readonly ConcurrentDictionary<Guid, RosterSlot> rosters = new();
    private readonly ConcurrentDictionary<(Guid Tenant, LeaderboardPeriod Period, DateOnly Start), BoardSlot> boards = new();
    private readonly Lock evicting = new();
    private long tick;

    /// <summary>Boards held now (for tests and the benchmark).</summary>
    public int BoardCount => boards.Count(b => b.Value.Board is not null);

    /// <summary>The tenant's people, teams and rules as of <paramref name="version"/> or newer.</summary>
    internal async Task<TenantRoster> RosterAsync(GamificationDbContext db, Guid tenantId, BoardVersion version, CancellationToken ct)
    {
        var slot = rosters.GetOrAdd(tenantId, _ => new RosterSlot());
        if (slot.Roster is { } held && held.Version >= version.People)
        {
            return held;
        }
        await slot.Gate.WaitAsync(ct);
        try
        {
            if (slot.Roster is { } loaded && loaded.Version >= version.People)
            {
                return loaded;
            }
            return slot.Roster = await TenantRoster.LoadAsync(db, tenantId, version.People, ct);
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>The board as of <paramref name="version"/> or newer; one reader loads it while others of the same board wait.</summary>
    internal async Task<RankedBoard> BoardAsync(GamificationDbContext db, Guid tenantId, LeaderboardPeriod period, DateOnly start, BoardVersion version,
        TenantRoster of, DateTimeOffset now, CancellationToken ct)
    {
        var slot = boards.GetOrAdd((tenantId, period, start), _ => new BoardSlot());
        if (slot.Board is { } held && held.Version >= version.Scores && now < held.ValidUntil)
        {
            held.LastUsed = Interlocked.Increment(ref tick);
            return held;
        }
        await slot.Gate.WaitAsync(ct);
        try
        {
            if (slot.Board is { } loaded && loaded.Version >= version.Scores && now < loaded.ValidUntil)
            {
                loaded.LastUsed = Interlocked.Increment(ref tick);
                return loaded;
            }
            var board = await RankedBoard.LoadAsync(db, tenantId, period, start, version.Scores, of, now, ct);
            board.LastUsed = Interlocked.Increment(ref tick);
            slot.Board = board;
            Evict();
            return board;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Drops the least recently read boards while more than the allowed rows are held, and boards of periods that ended.</summary>
    private void Evict()
    {
        lock (evicting)
        {
            var held = boards.Where(b => b.Value.Board is not null).Select(b => (b.Key, Board: b.Value.Board!)).ToList();
            var rows = held.Sum(b => (long)b.Board.Ranked.Count);
            var current = held.GroupBy(b => (b.Key.Tenant, b.Key.Period)).ToDictionary(g => g.Key, g => g.Max(b => b.Key.Start));
            foreach (var (key, board) in held.OrderBy(b => b.Board.LastUsed))
            {
                if (rows <= maxRows && current[(key.Tenant, key.Period)] == key.Start)
                {
                    continue;
                }
                if (boards.TryRemove(key, out _))
                {
                    rows -= board.Ranked.Count;
                }
            }
        }
    }
}
