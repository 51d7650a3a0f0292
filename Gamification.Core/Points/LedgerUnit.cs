namespace Gamification.Core.Points;

/// <summary>
/// One unit of work of the engine, for one tenant, inside one database transaction: it locks the balance rows
/// of the users it touches, loads their state once, applies every change in memory (ledger entry, balances,
/// level-ups), and writes everything at the end. Single events, batches, awards, revocations and decay all go
/// through it, so there is one place where points move.
/// </summary>
internal sealed partial class LedgerUnit
{
    private readonly GamificationDbContext db;
    private readonly Dictionary<string, UserState> users = new(StringComparer.Ordinal);
    private readonly List<PointTransaction> ledger = [];
    private readonly List<ActivityEvent> events = [];
    private readonly List<AchievementEvent> achievements = [];

    private LedgerUnit(GamificationDbContext db, Guid tenantId, DateTimeOffset now, TenantClock clock,
        GamificationConfig config, IReadOnlyList<PlayerLevel> levels, UnitMemory? memory)
    {
        this.db = db;
        Memory = memory;
        TenantId = tenantId;
        Now = now;
        Clock = clock;
        Config = config;
        Levels = levels;
        Today = Clock.LocalDay(now);
    }

    public GamificationDbContext Db => db;
    public Guid TenantId { get; }
    public DateTimeOffset Now { get; }
    public DateOnly Today { get; }
    public TenantClock Clock { get; }
    public GamificationConfig Config { get; }
    public IReadOnlyList<PlayerLevel> Levels { get; }
    public UnitMemory? Memory { get; }
    public bool HasChanges => ledger.Count > 0 || events.Count > 0 || users.Values.Any(u => u.Dirty) || EvaluatorsHaveChanges;

    /// <summary>The users this unit holds.</summary>
    public IEnumerable<string> UserIds => users.Keys;

    /// <summary>
    /// Takes in more users mid-unit (a team challenge pays every member): their balance rows are locked as in
    /// <see cref="OpenAsync"/> and their state loaded. Users already held are left as they are.
    /// </summary>
    public async Task AddUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var missing = userIds.Where(id => !users.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        await LockAsync(db, TenantId, missing, ct);
        await LoadUsersAsync(missing, ct);
    }

    private static async Task LockAsync(GamificationDbContext db, Guid tenantId, IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        // SQLite's transactions begin IMMEDIATE: the database write lock is already held. A server: take the rows' locks.
        if (userIds.Count > 0 && SqlDialect.Of(db).LocksRows)
        {
            await db.UserPoints.IgnoreQueryFilters()
                .Where(p => p.TenantId == tenantId && EF.Parameter(userIds).Contains(p.UserId))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1), ct);
        }
    }

    /// <summary>
    /// Starts the unit: takes the write lock on the balance rows of <paramref name="userIds"/> (a writer for the
    /// same users waits here until this transaction ends), then loads the tenant's rules and those users' state, and
    /// creates the unit's feature evaluators. The caller has begun the transaction.
    /// </summary>
    public static async Task<LedgerUnit> OpenAsync(
        GamificationDbContext db, Guid tenantId, DateTimeOffset now, IReadOnlyCollection<string> userIds,
        Func<IUnitLedger, IReadOnlyList<IUnitEvaluator>> evaluators, UnitMemory? memory, CancellationToken ct)
    {
        await LockAsync(db, tenantId, userIds, ct);

        var (clock, config) = await TenantRules.LoadAsync(db, tenantId, ct);
        var levels = await db.PlayerLevels.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.TenantId == tenantId)
            .OrderBy(l => l.LevelNumber)
            .ToListAsync(ct);
        var unit = new LedgerUnit(db, tenantId, now, clock, config, levels, memory);
        unit.evaluators = evaluators(unit);
        await unit.LoadUsersAsync(userIds, ct);
        return unit;
    }

    private async Task LoadUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return;
        }
        // One query: the users with their balance and level rows, if any (read untracked; written back at flush).
        var tenantId = TenantId;
        var rows = await (
                from u in db.Users.IgnoreQueryFilters()
                where u.TenantId == tenantId && EF.Parameter(userIds).Contains(u.Id)
                join p in db.UserPoints.IgnoreQueryFilters().Where(p => p.TenantId == tenantId) on u.Id equals p.UserId into ps
                from p in ps.DefaultIfEmpty()
                join l in db.UserLevels.IgnoreQueryFilters().Where(l => l.TenantId == tenantId) on u.Id equals l.UserId into ls
                from l in ls.DefaultIfEmpty()
                select new { u.Id, u.ExternalId, u.IsActive, u.DisplayName, u.TeamId, Points = p, Level = l })
            .AsNoTracking()
            .ToListAsync(ct);
        foreach (var row in rows)
        {
            var points = row.Points ?? new UserPoints { TenantId = TenantId, UserId = row.Id, UpdatedAt = Now };
            var level = row.Level ?? new UserLevel { TenantId = TenantId, UserId = row.Id, LevelNumber = 1, ReachedAt = Now };
            users[row.Id] = new UserState(row.Id, row.ExternalId ?? "", row.DisplayName, row.IsActive, points, level) { TeamId = row.TeamId };
        }
    }

    /// <summary>The user's state in this unit, or null when the user is not in this tenant.</summary>
    public UserState? Find(string userId) => users.GetValueOrDefault(userId);

    /// <summary>The user's state; refuses users outside the tenant (404) and, unless allowed, deactivated users.</summary>
    public UserState Require(string userId, bool allowInactive = false)
    {
        var user = Find(userId) ?? throw DomainException.NotFound("The user");
        if (!allowInactive && !user.IsActive)
        {
            throw DomainException.Invalid("user_id", $"{user.DisplayName} is deactivated; their points cannot change.");
        }
        return user;
    }

    public int DailyCap(UserState user) => LevelRules.DailyCap(Config, user.Level.LevelNumber);

    /// <summary>
    /// Appends a ledger entry and projects it onto the balances: current points move by the entry; lifetime points
    /// move by earning entries and by revocations (RULES.md, Balances and the ledger). Earnings can level up.
    /// </summary>
    public void Post(UserState user, PointTransaction entry)
    {
        entry.TenantId = TenantId;
        entry.UserId = user.UserId;
        entry.CreatedAt = Now;
        ledger.Add(entry);
        user.Points.CurrentPoints += entry.Points;
        if (TransactionTypes.CountsTowardLifetime(entry.Type))
        {
            user.Points.LifetimePoints += entry.Points;
        }
        user.Delta += entry.Points;
        CountScore(user, entry.Type, entry.LocalDate, entry.Points);
        user.Headline = Headline.Of(entry);
        user.Dirty = true;
        if (TransactionTypes.IsEarning(entry.Type) && entry.Points > 0)
        {
            ApplyLevelUps(user, entry.LocalDate);
        }
    }

    // Live leaderboard scores this unit moves: (user, period, period start) -> points to add.
    private readonly Dictionary<(string UserId, LeaderboardPeriod Period, DateOnly Start), long> scores = [];

    /// <summary>An entry that counts on leaderboards adds to the user's score of each period its local day is in.</summary>
    private void CountScore(UserState user, TransactionType type, DateOnly day, long points)
    {
        if (points == 0 || !TransactionTypes.CountsOnBoards(type))
        {
            return;
        }
        foreach (var period in LeaderboardRules.Periods)
        {
            var key = (user.UserId, period, LeaderboardRules.PeriodStart(period, day));
            scores[key] = scores.GetValueOrDefault(key) + points;
        }
    }

    /// <summary>Ledger entries pending in this unit for a user (not yet written).</summary>
    public IEnumerable<PointTransaction> Pending(string userId) => ledger.Where(t => t.UserId == userId);

    public void AddEvent(ActivityEvent activity)
    {
        activity.TenantId = TenantId;
        events.Add(activity);
    }

    public void AddAchievement(UserState user, AchievementKind kind, string title, object data)
    {
        achievements.Add(new AchievementEvent
        {
            TenantId = TenantId,
            UserId = user.UserId,
            Kind = kind,
            Title = title,
            DataJson = JsonSerializer.Serialize(data, PointsEngine.ResultJsonOptions),
            CreatedAt = Now,
        });
    }

    /// <summary>
    /// While lifetime points reach the next level: raise the level and pay the level-up bonus (not capped, not
    /// multiplied), which can cross the following threshold too (RULES.md, Levels).
    /// </summary>
    private void ApplyLevelUps(UserState user, DateOnly day)
    {
        var bonus = LevelRules.LevelUpBonus(Config);
        while (LevelRules.NextLevel(user.Level.LevelNumber, Levels) is { } next && user.Points.LifetimePoints >= next.PointsTotalRequired)
        {
            user.Level.LevelNumber = next.LevelNumber;
            user.Level.ReachedAt = Now;
            user.LevelUp = next.LevelNumber;
            var reason = $"Reached level {next.LevelNumber} ({next.Name})";
            ledger.Add(new PointTransaction
            {
                TenantId = TenantId,
                UserId = user.UserId,
                Type = TransactionType.LevelUp,
                BasePoints = Config.LevelUpBasePoints,
                Multiplier = Config.LevelUpMultiplier,
                StreakMultiplier = 1m,
                Bonus = Config.LevelUpBonus,
                UncappedPoints = bonus,
                Points = bonus,
                Reason = reason,
                SourceType = TransactionSource.Level,
                SourceId = $"level-{next.LevelNumber}",
                CreatedAt = Now,
                LocalDate = day,
            });
            user.Points.CurrentPoints += bonus;
            user.Points.LifetimePoints += bonus;
            user.Delta += bonus;
            CountScore(user, TransactionType.LevelUp, day, bonus);
            user.Headline = new Headline($"{reason}: +{bonus}", TransactionType.LevelUp, bonus, reason);
            AddAchievement(user, AchievementKind.LevelUp, reason, new { level = next.LevelNumber, tier = next.Name, bonus });
        }
    }

    /// <summary>Called just before the balances are written (tests use it to play a second writer).</summary>
    public Func<GamificationDbContext, CancellationToken, Task>? BeforeWrite { get; set; }

    /// <summary>
    /// Writes everything with prepared statements: the append-only rows, then the changed balance rows (each checked
    /// against the version it was read with) and levels. A row that changed meanwhile fails the unit, which is retried.
    /// </summary>
    /// <summary>
    /// Records an audit entry with the unit's writes (<see cref="AuditTrail.NewAuditEntry"/>), made when they are flushed, after
    /// the ledger rows, so the entry can name their ids.
    /// </summary>
    public void Audit(Func<AuditEntry?> entry) => audits.Add(entry);

    private readonly List<Func<AuditEntry?>> audits = [];

    public async Task FlushAsync(CancellationToken ct)
    {
        if (ledger.Count > 0)
        {
            await using var insert = new RowInserter<PointTransaction>(db);
            await insert.InsertAllAsync(ledger, ct);
            if (ledger.Count <= ReadBackIdsUpTo || idsWanted)
            {
                await ReadBackIdsAsync(ct);
            }
        }
        if (events.Count > 0)
        {
            await using var insert = new RowInserter<ActivityEvent>(db);
            await insert.InsertAllAsync(events, ct);
        }
        if (achievements.Count > 0)
        {
            await using var insert = new RowInserter<AchievementEvent>(db);
            await insert.InsertAllAsync(achievements, ct);
        }
        if (scores.Count > 0)
        {
            await using var writer = new ScoreWriter(db);
            await writer.AddAllAsync(TenantId, scores.Where(s => s.Value != 0)
                .Select(s => new ScoreWriter.Delta(s.Key.UserId, users.GetValueOrDefault(s.Key.UserId)?.TeamId, s.Key.Period, s.Key.Start, s.Value))
                .ToList(), ct);
        }
        await FlushEvaluatorsAsync(ct);
        if (BeforeWrite is { } hook)
        {
            await hook(db, ct);
        }

        var audit = audits.Select(make => make()).OfType<AuditEntry>().ToList();
        if (audit.Count > 0)
        {
            await using var insert = new RowInserter<AuditEntry>(db);
            await insert.InsertAllAsync(audit, ct);
        }

        var dirty = users.Values.Where(u => u.Dirty).ToList();
        foreach (var user in dirty)
        {
            user.Points.Version = user.OriginalVersion + 1;
            user.Points.UpdatedAt = Now;
        }
        var newPoints = dirty.Where(u => u.Points.Id == 0).Select(u => u.Points).ToList();
        if (newPoints.Count > 0)
        {
            await using var insert = new RowInserter<UserPoints>(db);
            await insert.InsertAllAsync(newPoints, ct);
        }
        if (dirty.Any(u => u.Points.Id != 0))
        {
            await using var update = new RowUpdater<UserPoints>(db);
            await update.UpdateAllAsync(dirty.Where(u => u.Points.Id != 0).Select(u => (u.Points, (object?)u.OriginalVersion)).ToList(), ct);
        }
        var newLevels = dirty.Where(u => u.Level.Id == 0).Select(u => u.Level).ToList();
        if (newLevels.Count > 0)
        {
            await using var insert = new RowInserter<UserLevel>(db);
            await insert.InsertAllAsync(newLevels, ct);
        }
        if (dirty.Any(u => u.Level.Id != 0 && u.Level.LevelNumber != u.OriginalLevel))
        {
            await using var update = new RowUpdater<UserLevel>(db);
            await update.UpdateAllAsync(dirty.Where(u => u.Level.Id != 0 && u.Level.LevelNumber != u.OriginalLevel).Select(u => (u.Level, (object?)null)).ToList(), ct);
        }
        // Last, so the tenant's version row is held only until the commit: cached boards see this unit in the next read.
        if (HasChanges)
        {
            await LeaderboardVersions.BumpAsync(db, TenantId, people: false, ct);
            if (ReadsBoardVersion)
            {
                // The version row is this transaction's until the commit: what it reads is the version this unit makes.
                boardVersion = (await LeaderboardVersions.ReadAsync(db, TenantId, ct)).Scores;
            }
        }
    }

    /// <summary>Read back the board version the flush makes, so the instance's boards can take this unit's deltas (<see cref="BoardChange"/>).</summary>
    public bool ReadsBoardVersion { get; set; }

    private long? boardVersion;

    /// <summary>
    /// What this unit changed on the tenant's boards, once flushed with <see cref="ReadsBoardVersion"/> (null otherwise):
    /// to hand to the instance's <see cref="LeaderboardCache"/> after the commit.
    /// </summary>
    public BoardChange? BoardChange() =>
        boardVersion is not { } version ? null : new BoardChange(
            TenantId,
            version,
            scores.Where(s => s.Value != 0)
                .GroupBy(s => (s.Key.Period, s.Key.Start))
                .ToDictionary(g => g.Key, g => g.Select(s => (s.Key.UserId, s.Value)).ToList()),
            users.Keys.ToHashSet(StringComparer.Ordinal),
            users.Values.Any(u => u.Level.LevelNumber != u.OriginalLevel));

    // Small units (awards, revocations, single events) learn their ledger ids, so callers can name the entry; a larger
    // unit does when a caller asked for an entry's id (an award that levels up many times and pays badges).
    private const int ReadBackIdsUpTo = 16;

    private bool idsWanted;

    /// <summary>Asks for the ledger id of <paramref name="entry"/>, posted in this unit: it is set when the unit is written, whatever the unit's size.</summary>
    public void RequireId(PointTransaction entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!ledger.Contains(entry))
        {
            throw new InvalidOperationException("Only an entry posted in this unit gets its id read back.");
        }
        idsWanted = true;
    }

    /// <summary>Fills the ids of the entries just inserted: this unit's rows are the newest for these users at <see cref="Now"/>, in order.</summary>
    private async Task ReadBackIdsAsync(CancellationToken ct)
    {
        var userIds = ledger.Select(t => t.UserId).Distinct().ToList();
        var ids = await db.PointTransactions.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.TenantId == TenantId && userIds.Contains(t.UserId) && t.CreatedAt == Now)
            .OrderByDescending(t => t.Id)
            .Take(ledger.Count)
            .Select(t => t.Id)
            .ToListAsync(ct);
        if (ids.Count == ledger.Count)
        {
            ids.Reverse();
            for (var i = 0; i < ledger.Count; i++)
            {
                ledger[i].Id = ids[i];
            }
        }
        else if (idsWanted)
        {
            // The unit holds these users' rows: anything else is a bug, and a wrong or missing id would be a lie.
            throw new InvalidOperationException($"Read back {ids.Count} ledger ids for the {ledger.Count} entries just written.");
        }
    }

    /// <summary>What to tell the users this unit changed, once it is committed.</summary>
    public IReadOnlyList<PointsNotification> Notifications() =>
        users.Values.Where(u => u.Dirty).Select(u => new PointsNotification(
            TenantId,
            u.UserId,
            u.Points.CurrentPoints,
            u.Points.LifetimePoints,
            u.Points.DailyDate == Today ? u.Points.DailyPoints : 0,
            DailyCap(u),
            PointsRules.LiveStreak(u.Points.StreakDays, u.Points.LastActiveDate, Today, Config),
            u.Level.LevelNumber,
            u.LevelUp,
            u.Delta,
            u.Headline?.Message ?? "",
            u.Notices,
            u.Headline?.EntryType,
            u.Headline?.EntryPoints ?? 0,
            u.Headline?.EntryReason)).ToList();
}
