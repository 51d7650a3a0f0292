using System.Collections.Concurrent;

using Microsoft.EntityFrameworkCore.Metadata;

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
    /// The tenant's versions and, in the same statement, one person's board figures (streak and badge count; null
    /// before the tenant's first change): a leaderboard read's one statement when its board is held.
    /// </summary>
    internal static async Task<(BoardVersion Version, BoardFigures? Figures)> ReadWithFiguresAsync(GamificationDbContext db, Guid tenantId, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Compiled once per model (a compiled query serves one model: SQLite, SQL Server and PostgreSQL each have theirs).
        var query = WithFigures.GetOrAdd(db.Model, _ => EF.CompileAsyncQuery((GamificationDbContext c, Guid tenant, string user, CancellationToken token) =>
            c.LeaderboardVersions.AsNoTracking().Where(v => v.TenantId == tenant).Select(v => new VersionAndFigures(
                v.Version,
                v.PeopleVersion,
                c.UserPoints.IgnoreQueryFilters().Where(p => p.TenantId == tenant && p.UserId == user).Select(p => (int?)p.StreakDays).FirstOrDefault(),
                c.UserPoints.IgnoreQueryFilters().Where(p => p.TenantId == tenant && p.UserId == user).Select(p => p.LastActiveDate).FirstOrDefault(),
                c.UserBadges.IgnoreQueryFilters().Count(b => b.TenantId == tenant && b.UserId == user))).FirstOrDefault()));
        var row = await query(db, tenantId, userId, ct);
        return row is null ? (default, null) : (new BoardVersion(row.Version, row.PeopleVersion),
            // As RankedBoard.FiguresAsync counts them: nothing for a person without a balance row.
            row.StreakDays is { } streak ? new BoardFigures(streak, row.LastActiveDate, row.Badges) : new BoardFigures(0, null, 0));
    }

    private sealed record VersionAndFigures(long Version, long PeopleVersion, int? StreakDays, DateOnly? LastActiveDate, int Badges);

    private static readonly ConcurrentDictionary<IModel, Func<GamificationDbContext, Guid, string, CancellationToken, Task<VersionAndFigures?>>> WithFigures = new();

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
/// <param name="Order">The person's place in name order (<see cref="TenantRoster.Person.NameOrder"/>), which breaks ties; -1 for a team.</param>
internal sealed record BoardRow(string? UserId, long? TeamId, string DisplayName, string? TeamName, long Points, int Order = -1);

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
        ByOrder = new Person[byId.Count];
        foreach (var person in byId.Values)
        {
            ByOrder[person.NameOrder] = person;
        }
        AnyHidden = byId.Values.Any(p => p.Visibility == LeaderboardVisibility.Hidden);
    }

    public long Version { get; }
    public Dictionary<string, Person> ById { get; }
    public Dictionary<long, string> TeamNames { get; }

    /// <summary>The people in name order (index: <see cref="Person.NameOrder"/>).</summary>
    public Person[] ByOrder { get; }

    /// <summary>Someone chose to be hidden from colleagues' boards.</summary>
    public bool AnyHidden { get; }

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
/// What a committed unit of the engine changed on a tenant's boards, as of the board version its commit produced
/// (<see cref="LeaderboardCache.Apply"/>): each period's score deltas, the people it held (their badges, streaks and
/// levels may have moved), and whether a level changed (tiers).
/// </summary>
/// <param name="Version">The tenant's board version after the unit: the unit is the only change between <c>Version - 1</c> and it.</param>
/// <param name="Scores">Per (period, period start): each person's score delta (never 0).</param>
internal sealed record BoardChange(
    Guid TenantId,
    long Version,
    IReadOnlyDictionary<(LeaderboardPeriod Period, DateOnly Start), List<(string UserId, long Points)>> Scores,
    IReadOnlySet<string> People,
    bool LevelsChanged);

/// <summary>
/// One period's board of one tenant as of a version: every active person with points (and, on monthly and all-time
/// boards, every active agent without), ranked, and the period's
/// snapshot times; the figures of the rows shown are added as reads ask for them. Never changed once built: a unit
/// of this instance's engine makes the next version from it (<see cref="Advance"/>), so readers holding it are never
/// disturbed.
/// </summary>
internal sealed class RankedBoard
{
    private readonly ConcurrentDictionary<string, BoardFigures> figures;
    private readonly ConcurrentDictionary<(DateTimeOffset At, string? UserId, long? TeamId), SnapshotFigures?> snapshots;

    // By NameOrder: each person's stored score in the period (0 without a row; below 1 after revocations), and their
    // place in Ranked (-1 when not on the board).
    private readonly long[] scores;
    private readonly int[] positions;
    private List<(BoardRow Row, int Rank)>? teamRanking;
    private List<(BoardRow Row, int Rank)>? shownRanking;
    private Dictionary<string, string>? tiers;

    private RankedBoard(Guid tenantId, LeaderboardPeriod period, DateOnly start, long version, bool exact, TenantRoster roster, long[] scores,
        List<(BoardRow Row, int Rank)> ranked, int[] positions, DateTimeOffset? latestAt, DateTimeOffset? dayAgoAt, DateTimeOffset validUntil,
        ConcurrentDictionary<string, BoardFigures> figures, ConcurrentDictionary<(DateTimeOffset, string?, long?), SnapshotFigures?> snapshots,
        Dictionary<string, string>? tiers)
    {
        TenantId = tenantId;
        Period = period;
        Start = start;
        Version = version;
        Exact = exact;
        Roster = roster;
        this.scores = scores;
        Ranked = ranked;
        this.positions = positions;
        LatestSnapshotAt = latestAt;
        DayAgoSnapshotAt = dayAgoAt;
        ValidUntil = validUntil;
        this.figures = figures;
        this.snapshots = snapshots;
        this.tiers = tiers;
    }

    public Guid TenantId { get; }
    public LeaderboardPeriod Period { get; }
    public DateOnly Start { get; }
    public long Version { get; }

    /// <summary>
    /// The board shows exactly the database as of <see cref="Version"/> (nothing newer): the version did not move while
    /// it was read. Only such a board may be advanced by a unit's deltas; one that may already hold newer scores is
    /// read again at the next version instead.
    /// </summary>
    public bool Exact { get; }

    public TenantRoster Roster { get; }

    /// <summary>Everyone on the board in order: points descending, equal points by name; competition ranks.</summary>
    public List<(BoardRow Row, int Rank)> Ranked { get; }

    /// <summary>A person's place (0-based) in <see cref="Ranked"/>.</summary>
    public bool TryPosition(string userId, out int position)
    {
        position = Roster.ById.TryGetValue(userId, out var person) ? positions[person.NameOrder] : -1;
        return position >= 0;
    }

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
        Roster.AnyHidden && Ranked.Any(r => IsHidden(r.Row))
            ? LeaderboardRules.CompetitionRanks(Ranked.Where(r => !IsHidden(r.Row)).Select(r => r.Row).ToList(), r => r.Points)
            : Ranked;

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
    /// with the people (only active people are on boards), ranked; the snapshot times by three index seeks. Then the
    /// tenant's version once more: unchanged, the board is exactly as of <paramref name="version"/> (<see cref="Exact"/>).
    /// </summary>
    public static async Task<RankedBoard> LoadAsync(GamificationDbContext db, Guid tenantId, LeaderboardPeriod period, DateOnly start, long version,
        TenantRoster roster, DateTimeOffset now, CancellationToken ct)
    {
        var scores = await LoadScoresAsync(db, tenantId, period, start, roster, ct);
        var ranked = Order(Rows(roster, period, scores));
        var snapshots = db.LeaderboardSnapshots.IgnoreQueryFilters().Where(s => s.TenantId == tenantId && s.PeriodType == period && s.PeriodStart == start);
        var dayAgo = now.AddHours(-24);
        var latestAt = await snapshots.MaxAsync(s => (DateTimeOffset?)s.SnapshotAt, ct);
        var dayAgoAt = await snapshots.Where(s => s.SnapshotAt <= dayAgo).MaxAsync(s => (DateTimeOffset?)s.SnapshotAt, ct);
        // The next snapshot after the day-old one becomes "about 24 hours earlier" once it is 24 hours old.
        var after = dayAgoAt ?? DateTimeOffset.MinValue;
        var next = await snapshots.Where(s => s.SnapshotAt > after).MinAsync(s => (DateTimeOffset?)s.SnapshotAt, ct);
        var validUntil = next is { } n ? n.AddHours(24) : DateTimeOffset.MaxValue;
        var exact = (await LeaderboardVersions.ReadAsync(db, tenantId, ct)).Scores == version;
        return new RankedBoard(tenantId, period, start, version, exact, roster, scores, ranked, Positions(roster, ranked), latestAt, dayAgoAt, validUntil,
            new(StringComparer.Ordinal), new(), null);
    }

    /// <summary>
    /// The board as of <paramref name="change"/>'s version: made from this one (exactly one version older) with the
    /// change's score deltas for this period applied, the changed people moved to their new places and everyone's
    /// rank counted again, without reading the database. The figures of the change's people are dropped (read again
    /// when shown), the tiers when a level changed; the rest carries over.
    /// </summary>
    public RankedBoard Advance(BoardChange change)
    {
        if (!Exact || change.Version != Version + 1 || change.TenantId != TenantId)
        {
            throw new InvalidOperationException($"A board exactly at version {Version} only takes the change that makes version {Version + 1}.");
        }
        var (nextScores, ranked, nextPositions) = (scores, Ranked, positions);
        if (change.Scores.TryGetValue((Period, Start), out var deltas) && deltas.Count > 0)
        {
            nextScores = (long[])scores.Clone();
            var moved = new List<int>(deltas.Count);
            foreach (var (userId, points) in deltas)
            {
                // Someone deactivated is on no board (their deltas come back with a reactivation, which reads the board again).
                if (Roster.ById.TryGetValue(userId, out var person))
                {
                    nextScores[person.NameOrder] += points;
                    moved.Add(person.NameOrder);
                }
            }
            // Only the people whose row changed (a revocation below 1 point can leave an agent at 0 where they were).
            var changed = moved.Distinct()
                .Where(order => Shown(Roster.ByOrder[order], Period, scores[order]) != Shown(Roster.ByOrder[order], Period, nextScores[order]))
                .ToList();
            if (changed.Count > 0)
            {
                ranked = Merge(Ranked, changed.Select(order => positions[order]).Where(p => p >= 0).Order().ToList(),
                    Sorted(changed.Select(order => RowOf(Roster.ByOrder[order], Period, nextScores[order])).OfType<BoardRow>().ToList()));
                nextPositions = Positions(Roster, ranked);
            }
        }
        var keptFigures = new ConcurrentDictionary<string, BoardFigures>(figures.Where(f => !change.People.Contains(f.Key)), StringComparer.Ordinal);
        // Snapshot figures are fixed by their time: shared along the chain.
        return new RankedBoard(TenantId, Period, Start, change.Version, exact: true, Roster, nextScores, ranked, nextPositions,
            LatestSnapshotAt, DayAgoSnapshotAt, ValidUntil, keptFigures, snapshots, change.LevelsChanged ? null : tiers)
        {
            LastUsed = LastUsed,
        };
    }

    /// <summary>
    /// The board's rows in order with their ranks: <paramref name="board"/> without the rows at <paramref name="removed"/>
    /// (ascending places) merged with <paramref name="added"/> (in board order).
    /// </summary>
    private static List<(BoardRow Row, int Rank)> Merge(List<(BoardRow Row, int Rank)> board, List<int> removed, List<BoardRow> added)
    {
        var merged = new List<(BoardRow Row, int Rank)>(board.Count - removed.Count + added.Count);
        var (next, skip) = (0, 0);
        void Append(BoardRow row)
        {
            var i = merged.Count;
            merged.Add((row, i > 0 && merged[i - 1].Row.Points == row.Points ? merged[i - 1].Rank : i + 1));
        }
        for (var i = 0; i < board.Count; i++)
        {
            if (skip < removed.Count && removed[skip] == i)
            {
                skip++;
                continue;
            }
            var row = board[i].Row;
            while (next < added.Count && Before(added[next], row))
            {
                Append(added[next++]);
            }
            Append(row);
        }
        while (next < added.Count)
        {
            Append(added[next++]);
        }
        return merged;
    }

    /// <summary>Board order: points descending, equal points by name.</summary>
    private static bool Before(BoardRow a, BoardRow b) => a.Points != b.Points ? a.Points > b.Points : a.Order < b.Order;

    private static List<BoardRow> Sorted(List<BoardRow> rows)
    {
        rows.Sort((a, b) => a.Points != b.Points ? b.Points.CompareTo(a.Points) : a.Order.CompareTo(b.Order));
        return rows;
    }

    /// <summary>Competition ranks of people rows in board order.</summary>
    private static List<(BoardRow Row, int Rank)> Order(List<BoardRow> rows) => LeaderboardRules.CompetitionRanks(Sorted(rows), r => r.Points);

    private static int[] Positions(TenantRoster roster, List<(BoardRow Row, int Rank)> ranked)
    {
        var positions = new int[roster.ByOrder.Length];
        Array.Fill(positions, -1);
        for (var i = 0; i < ranked.Count; i++)
        {
            positions[ranked[i].Row.Order] = i;
        }
        return positions;
    }

    /// <summary>
    /// The points a person shows on the period's board with this stored score, or null when they are not on it: people
    /// with at least 1 point; on the boards that show everyone (<see cref="LeaderboardRules.ListsEveryAgent"/>) also
    /// every other agent, at 0.
    /// </summary>
    private static long? Shown(TenantRoster.Person person, LeaderboardPeriod period, long score) =>
        score >= 1 ? score : person.IsAgent && LeaderboardRules.ListsEveryAgent(period) ? 0 : null;

    private static BoardRow? RowOf(TenantRoster.Person person, LeaderboardPeriod period, long score) =>
        Shown(person, period, score) is { } points ? new BoardRow(person.UserId, person.TeamId, person.DisplayName, person.TeamName, points, person.NameOrder) : null;

    /// <summary>Every row of the period's board (in no order) from the stored scores by name order.</summary>
    private static List<BoardRow> Rows(TenantRoster roster, LeaderboardPeriod period, long[] scores)
    {
        var rows = new List<BoardRow>();
        foreach (var person in roster.ByOrder)
        {
            if (RowOf(person, period, scores[person.NameOrder]) is { } row)
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>The stored score of each active person in the period, by name order (0 without a row), from the covering index.</summary>
    private static async Task<long[]> LoadScoresAsync(GamificationDbContext db, Guid tenantId, LeaderboardPeriod period, DateOnly start, TenantRoster roster, CancellationToken ct)
    {
        var rows = await db.LeaderboardScores.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.PeriodType == period && s.PeriodStart == start)
            .Select(s => new { s.UserId, s.Points })
            .ToListAsync(ct);
        var scores = new long[roster.ByOrder.Length];
        foreach (var row in rows)
        {
            if (roster.ById.TryGetValue(row.UserId, out var person))
            {
                scores[person.NameOrder] = row.Points;
            }
        }
        return scores;
    }

    /// <summary>
    /// Every active person with points in the period, with their name and team; on the boards that show everyone
    /// (<see cref="LeaderboardRules.ListsEveryAgent"/>) also every active agent without points, at 0.
    /// </summary>
    public static async Task<List<BoardRow>> LoadRowsAsync(GamificationDbContext db, Guid tenantId, LeaderboardPeriod period, DateOnly start, TenantRoster roster, CancellationToken ct) =>
        Rows(roster, period, await LoadScoresAsync(db, tenantId, period, start, roster, ct));

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
/// lookup of those versions. A unit of this instance's engine that commits version v hands its score deltas over
/// (<see cref="Apply"/>), and each board held exactly at v - 1 becomes the board at v in memory; a board is read
/// again from one covering index only when its version moved in a way this instance did not see (another instance's
/// write, any other change a board shows, a change handed over out of order and not yet followed). Bounded by the
/// rows held: the boards least recently read go first.
/// </summary>
public sealed class LeaderboardCache(int maxRows = LeaderboardCache.DefaultMaxRows)
{
    /// <summary>About 200 bytes a row: 1,000,000 rows is a couple of hundred MiB at most.</summary>
    public const int DefaultMaxRows = 1_000_000;

    /// <summary>How many of a tenant's latest changes are kept to bring boards forward (a change may arrive before the one it follows).</summary>
    private const int RecentChanges = 64;

    private sealed class BoardSlot
    {
        private RankedBoard? board;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public RankedBoard? Board => Volatile.Read(ref board);

        /// <summary>Holds <paramref name="next"/> if the slot still holds <paramref name="expected"/>.</summary>
        public bool Replace(RankedBoard? expected, RankedBoard next) => ReferenceEquals(Interlocked.CompareExchange(ref board, next, expected), expected);
    }

    private sealed class RosterSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public TenantRoster? Roster { get; set; }
    }

    /// <summary>A tenant's latest changes handed over by this instance's engine, by version.</summary>
    private sealed class Changes
    {
        public Lock Gate { get; } = new();
        public SortedList<long, BoardChange> ByVersion { get; } = [];

        public BoardChange? After(long version)
        {
            lock (Gate)
            {
                return ByVersion.GetValueOrDefault(version + 1);
            }
        }
    }

    private readonly ConcurrentDictionary<Guid, RosterSlot> rosters = new();
    private readonly ConcurrentDictionary<(Guid Tenant, LeaderboardPeriod Period, DateOnly Start), BoardSlot> boards = new();
    private readonly ConcurrentDictionary<Guid, Changes> changes = new();
    private readonly Lock evicting = new();
    private long tick;

    /// <summary>Boards held now (for tests and the benchmark).</summary>
    public int BoardCount => boards.Count(b => b.Value.Board is not null);

    /// <summary>Boards read from the database so far (for tests and the benchmark).</summary>
    public long Loads => Interlocked.Read(ref loads);

    private long loads;

    /// <summary>
    /// A unit of this instance's engine committed <paramref name="change"/>: every board of the tenant held exactly at
    /// the version before it moves to the change's version in memory (and any later changes already handed over follow).
    /// </summary>
    internal void Apply(BoardChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var recent = changes.GetOrAdd(change.TenantId, _ => new Changes());
        lock (recent.Gate)
        {
            recent.ByVersion[change.Version] = change;
            while (recent.ByVersion.Count > RecentChanges)
            {
                recent.ByVersion.RemoveAt(0);
            }
        }
        foreach (var (key, slot) in boards)
        {
            if (key.Tenant == change.TenantId)
            {
                Advance(slot, recent);
            }
        }
    }

    /// <summary>Brings the slot's board forward through the changes handed over that follow it, one version at a time.</summary>
    private static void Advance(BoardSlot slot, Changes recent)
    {
        while (slot.Board is { Exact: true } board && recent.After(board.Version) is { } next)
        {
            // Another thread may have moved the slot meanwhile: then look again at what it holds.
            slot.Replace(board, board.Advance(next));
        }
    }

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

    /// <summary>
    /// The board as of <paramref name="version"/> or newer: the one held (brought forward by the changes handed over if
    /// need be), else read again; one reader reads it while others of the same board wait.
    /// </summary>
    internal async Task<RankedBoard> BoardAsync(GamificationDbContext db, Guid tenantId, LeaderboardPeriod period, DateOnly start, BoardVersion version,
        TenantRoster of, DateTimeOffset now, CancellationToken ct)
    {
        var slot = boards.GetOrAdd((tenantId, period, start), _ => new BoardSlot());
        if (Current(slot, tenantId, version, now) is { } held)
        {
            return held;
        }
        await slot.Gate.WaitAsync(ct);
        try
        {
            if (Current(slot, tenantId, version, now) is { } loaded)
            {
                return loaded;
            }
            var board = await RankedBoard.LoadAsync(db, tenantId, period, start, version.Scores, of, now, ct);
            Interlocked.Increment(ref loads);
            board.LastUsed = Interlocked.Increment(ref tick);
            // A change handed over meanwhile may already have moved the slot past what was read.
            while (slot.Board is var current && (current is null || current.Version < board.Version || !(now < current.ValidUntil)))
            {
                if (slot.Replace(current, board))
                {
                    break;
                }
            }
            if (changes.TryGetValue(tenantId, out var recent))
            {
                Advance(slot, recent);
            }
            Evict();
            return slot.Board is { } newest && newest.Version >= board.Version ? newest : board;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>The slot's board if it is as of <paramref name="version"/> or newer (after the changes handed over) and still valid.</summary>
    private RankedBoard? Current(BoardSlot slot, Guid tenantId, BoardVersion version, DateTimeOffset now)
    {
        if (slot.Board is { Exact: true } behind && behind.Version < version.Scores && changes.TryGetValue(tenantId, out var recent))
        {
            Advance(slot, recent);
        }
        if (slot.Board is { } held && held.Version >= version.Scores && now < held.ValidUntil)
        {
            held.LastUsed = Interlocked.Increment(ref tick);
            return held;
        }
        return null;
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
