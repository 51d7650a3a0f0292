using System.Text.Json.Serialization;

namespace Gamification.Core.Points;

/// <summary>
/// The one place points move (RULES.md). Activity events, batches of them, badge/challenge/admin awards,
/// revocations, decay and streak expiry each run as one database transaction (a <see cref="LedgerUnit"/>, run by
/// <see cref="LedgerUnitRunner"/>) that appends to the ledger and updates the users' balances, counters, streaks and
/// levels together; the unit's evaluators (badges, challenges, given as <see cref="UnitEvaluators"/>) react in the same
/// transaction. Badges by hand or rank and redemptions are units too, run by their features. The tenant is
/// passed explicitly (every query ignores the context's tenant filter and filters by it), so the engine serves
/// requests, jobs and the seeder alike.
/// </summary>
/// <remarks>
/// Concurrency: each unit first takes the write lock of the balance rows it touches (SQL Server and PostgreSQL: one
/// UPDATE bumping <see cref="UserPoints.Version"/>; SQLite: the database write lock its transactions take at BEGIN
/// IMMEDIATE; see <see cref="SqlDialect"/>), so writers for the same agent queue instead of colliding. The version is
/// also a concurrency token, and (TenantId, EventId), (TenantId, UserId) and the ledger's reward sources are unique: if
/// two writers still meet (an agent's first event, a deadlock victim, a busy SQLite file), one fails and the whole unit
/// is retried on a fresh context.
/// </remarks>
public sealed class PointsEngine
{
    private readonly IDbContextFactory<GamificationDbContext> dbFactory;
    private readonly TimeProvider clock;
    private readonly ILogger<PointsEngine> logger;

    /// <param name="boards">This instance's leaderboard cache: each committed unit hands it its score deltas, so the boards
    /// it holds move in memory instead of being read again (null: boards see the change by their version alone).</param>
    /// <param name="memory">This instance's memory of its users between units (their open challenge rows, earned badges),
    /// so a unit reads only what another instance or another change may have moved (null: every unit reads them).</param>
    public PointsEngine(
        IDbContextFactory<GamificationDbContext> dbFactory,
        TimeProvider clock,
        ILogger<PointsEngine> logger,
        UnitEvaluators evaluators,
        IPointsNotifier? notifier = null,
        LeaderboardCache? boards = null,
        UnitMemory? memory = null)
    {
        ArgumentNullException.ThrowIfNull(evaluators);
        this.dbFactory = dbFactory;
        this.clock = clock;
        this.logger = logger;
        Units = new(dbFactory, clock, logger, notifier ?? NullPointsNotifier.Instance, evaluators.Create, boards, memory);
    }

    /// <summary>Events older than this (against the clock) are refused.</summary>
    public static readonly TimeSpan MaxEventAge = TimeSpan.FromHours(48);

    /// <summary>Events further in the future than this (clock skew allowance) are refused.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>The most events one batch may carry.</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>Refuses a batch of more than <see cref="MaxBatchSize"/> events as a whole (every entry point checks it first).</summary>
    internal static void CheckBatchSize(int count)
    {
        if (count > MaxBatchSize)
        {
            throw DomainException.Invalid("events", $"A batch holds at most {MaxBatchSize} events; this one has {count}.");
        }
    }

    /// <summary>An event for an agent the tenant does not have (404 on <c>agent_id</c>).</summary>
    internal static DomainException UnknownAgent(string agentId)
    {
        var message = $"There is no agent '{agentId}' in this tenant.";
        return new DomainException(DomainErrorKind.NotFound, message, new Dictionary<string, string[]> { ["agent_id"] = [message] });
    }

    /// <summary>The most points one admin award or revocation may move.</summary>
    public const long MaxAdminPoints = 1_000_000;

    /// <summary>The longest reason an admin may give.</summary>
    public const int MaxReasonLength = 400;

    /// <summary>Where every unit of work runs: the engine's and the features' (badges, redemptions).</summary>
    internal LedgerUnitRunner Units { get; }

    /// <summary>Test seam: runs inside each unit just before the balances are written (to play a second writer).</summary>
    internal Func<GamificationDbContext, CancellationToken, Task>? BeforeWrite
    {
        get => Units.BeforeWrite;
        set => Units.BeforeWrite = value;
    }

    /// <summary>How achievement data is stored: the API's snake_case.</summary>
    internal static readonly JsonSerializerOptions ResultJsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// Records one activity event and awards its points. The same event id twice awards once: the repeat
    /// returns the first result with status <see cref="ActivityStatus.Duplicate"/> and changes nothing.
    /// </summary>
    /// <exception cref="DomainException">The event breaks a rule (too old, in the future, bad rating, unknown or inactive agent...); nothing is stored.</exception>
    public async Task<ActivityResult> RecordActivityAsync(Guid tenantId, ActivityInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var outcome = (await RecordBatchAsync(tenantId, [input], ct))[0];
        return outcome.Result ?? throw outcome.Error!;
    }

    /// <summary>
    /// Records up to <see cref="MaxBatchSize"/> events in one transaction, in order. Each item gets its own
    /// outcome: valid items are recorded, refused items are reported and store nothing. An event id repeated
    /// inside the batch is a duplicate of its first occurrence.
    /// </summary>
    public async Task<IReadOnlyList<ActivityOutcome>> RecordBatchAsync(Guid tenantId, IReadOnlyList<ActivityInput> inputs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        CheckBatchSize(inputs.Count);
        var outcomes = new ActivityOutcome[inputs.Count];
        var valid = new List<int>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            try
            {
                ActivityRecording.ValidateShape(inputs[i]);
                valid.Add(i);
            }
            catch (DomainException ex)
            {
                outcomes[i] = new ActivityOutcome(i, inputs[i]?.EventId ?? "", null, ex);
            }
        }
        if (valid.Count > 0)
        {
            var userIds = valid.Select(i => inputs[i].UserId).Distinct(StringComparer.Ordinal).ToList();
            await Units.RunAsync(tenantId, userIds, (unit, ct2) => ActivityRecording.RecordAsync(unit, inputs, valid, outcomes, ct2), ct);
        }
        return outcomes;
    }

    /// <summary>
    /// Pays points outside activity: a badge or challenge reward (once per source and user) or an admin award.
    /// Not capped, no multiplier (RULES.md, Daily cap); it counts towards lifetime points and can level up.
    /// </summary>
    /// <exception cref="DomainException">Bad amount or reason, or the user is not in the tenant (404).</exception>
    public async Task<PointsChange> AwardAsync(Guid tenantId, PointsGrant grant, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Type is not (TransactionType.BadgeReward or TransactionType.ChallengeReward or TransactionType.AdminAward))
        {
            throw new ArgumentException($"{grant.Type} is not an award; use the engine's method for it.", nameof(grant));
        }
        if (TransactionTypes.HasUniqueSource(grant.Type) && string.IsNullOrEmpty(grant.SourceId))
        {
            throw new ArgumentException("A badge or challenge reward names its source.", nameof(grant));
        }
        ValidateAdminChange(grant.Points, grant.Reason, allowZero: grant.Type != TransactionType.AdminAward);

        PointsChange? change = null;
        PointTransaction? written = null;
        await Units.RunAsync(tenantId, [grant.UserId], async (unit, ct2) =>
        {
            var user = unit.Require(grant.UserId, allowInactive: grant.Type != TransactionType.AdminAward);
            // A reward is paid once per source (the unique index would refuse a second one): a repeat changes nothing.
            if (TransactionTypes.HasUniqueSource(grant.Type))
            {
                var paid = await unit.Db.PointTransactions.IgnoreQueryFilters()
                    .AnyAsync(t => t.TenantId == unit.TenantId && t.UserId == user.UserId && t.Type == grant.Type && t.SourceId == grant.SourceId, ct2);
                if (paid)
                {
                    change = Snapshot(user, 0, 0, grant.Reason, alreadyApplied: true);
                    return false;
                }
            }
            var entry = new PointTransaction
            {
                Type = grant.Type,
                BasePoints = (int)Math.Min(grant.Points, int.MaxValue),
                UncappedPoints = grant.Points,
                Points = grant.Points,
                Reason = grant.Reason.Trim(),
                SourceType = grant.Type switch
                {
                    TransactionType.BadgeReward => TransactionSource.Badge,
                    TransactionType.ChallengeReward => TransactionSource.Challenge,
                    _ => TransactionSource.Admin,
                },
                SourceId = grant.Type == TransactionType.AdminAward ? grant.CreatedByUserId : grant.SourceId,
                CreatedByUserId = grant.CreatedByUserId,
                LocalDate = unit.Today,
            };
            var levelBefore = user.Level.LevelNumber;
            var before = Balances(user);
            unit.Post(user, entry);
            unit.RequireId(entry);
            await unit.OnAwardAsync(user, ct2);
            written = entry;
            if (grant.Type == TransactionType.AdminAward)
            {
                var after = Balances(user);
                unit.Audit(() => unit.Db.NewAuditEntry(unit.Now, AuditKind.PointsAwarded, "user", user.UserId,
                    $"Awarded {entry.Points:N0} points to {user.DisplayName} (entry #{entry.Id}): {entry.Reason}", before, after,
                    grant.CreatedByUserId, unit.TenantId));
            }
            change = Snapshot(user, 0, entry.Points, entry.Reason, levelUp: user.Level.LevelNumber > levelBefore ? user.LevelUp : null);
            return true;
        }, ct);
        if (written is not null)
        {
            change = change! with { TransactionId = written.Id };
        }
        logger.LogInformation("{Type} of {Points} points to user {UserId} in tenant {TenantId}: {Reason}",
            grant.Type, grant.Points, grant.UserId, tenantId, grant.Reason);
        return change!;
    }

    /// <summary>
    /// An admin takes points back (RULES.md): lowers current and lifetime points by the amount, but never below
    /// zero: a revocation larger than the balance takes the balance. Levels never go down.
    /// </summary>
    /// <exception cref="DomainException">Bad amount or missing reason, the user has no points, or is not in the tenant (404).</exception>
    public async Task<PointsChange> RevokeAsync(Guid tenantId, string userId, long points, string reason, string? adminUserId, CancellationToken ct)
    {
        ValidateAdminChange(points, reason, allowZero: false);
        PointsChange? change = null;
        PointTransaction? written = null;
        await Units.RunAsync(tenantId, [userId], (unit, _) =>
        {
            var user = unit.Require(userId, allowInactive: true);
            var available = Math.Max(0, Math.Min(user.Points.CurrentPoints, user.Points.LifetimePoints));
            if (available == 0)
            {
                throw DomainException.Invalid("points", $"{user.DisplayName} has no points to revoke.");
            }
            var taken = Math.Min(points, available);
            var text = reason.Trim();
            var entry = new PointTransaction
            {
                Type = TransactionType.AdminRevoke,
                BasePoints = (int)Math.Min(points, int.MaxValue),
                UncappedPoints = -points,
                Points = -taken,
                Reason = taken < points ? $"{text} (cut to {taken}: the balance)" : text,
                SourceType = TransactionSource.Admin,
                SourceId = adminUserId,
                CreatedByUserId = adminUserId,
                LocalDate = unit.Today,
            };
            var before = Balances(user);
            unit.Post(user, entry);
            unit.RequireId(entry);
            written = entry;
            var after = Balances(user);
            unit.Audit(() => unit.Db.NewAuditEntry(unit.Now, AuditKind.PointsRevoked, "user", user.UserId,
                $"Took back {-entry.Points:N0} points from {user.DisplayName} (entry #{entry.Id}): {entry.Reason}", before, after,
                adminUserId, unit.TenantId));
            change = Snapshot(user, 0, entry.Points, entry.Reason);
            return Task.FromResult(true);
        }, ct);
        change = change! with { TransactionId = written!.Id };
        logger.LogInformation("Revoked {Points} points from user {UserId} in tenant {TenantId}: {Reason}", points, userId, tenantId, reason);
        return change!;
    }

    /// <summary>A person's balances and level as the audit trail records them around an award or a revocation.</summary>
    private static object Balances(UserState user) =>
        new { user.Points.CurrentPoints, user.Points.LifetimePoints, Level = user.Level.LevelNumber };

    /// <summary>
    /// Decay (RULES.md): an agent inactive for <c>decay_period_days</c> loses <c>points_decay_percent</c> of current
    /// points (rounded down), then again at every further full period. Each period is applied once (the user's
    /// last decay day is stored and the ledger source is unique), so running it twice on one day changes nothing.
    /// Lifetime points and levels are untouched.
    /// </summary>
    public async Task<DecayRun> DecayAsync(Guid tenantId, CancellationToken ct)
    {
        var (candidates, config, zone) = await DecayCandidatesAsync(tenantId, ct);
        var today = zone.LocalDay(clock.GetUtcNow());
        if (config.PointsDecayPercent <= 0 || config.DecayPeriodDays <= 0 || candidates.Count == 0)
        {
            return new DecayRun(tenantId, today, 0, 0);
        }

        var decayed = 0;
        long removed = 0;
        foreach (var chunk in candidates.Chunk(500))
        {
            await Units.RunAsync(tenantId, chunk, (unit, _) =>
            {
                foreach (var userId in chunk)
                {
                    if (unit.Find(userId) is not { } user || user.Points.LastActivityAt is not { } lastAt)
                    {
                        continue;
                    }
                    var period = unit.Config.DecayPeriodDays;
                    var lastDay = unit.Clock.LocalDay(lastAt);
                    var idleDays = unit.Today.DayNumber - lastDay.DayNumber;
                    var dueCount = idleDays / period;
                    var userRemoved = 0L;
                    for (var k = 1; k <= dueCount; k++)
                    {
                        var due = lastDay.AddDays(k * period);
                        if (user.Points.LastDecayDate is { } done && done >= due)
                        {
                            continue;
                        }
                        var loss = PointsRules.DecayLoss(user.Points.CurrentPoints, unit.Config);
                        user.Points.LastDecayDate = due;
                        user.Dirty = true;
                        if (loss <= 0)
                        {
                            continue;
                        }
                        unit.Post(user, new PointTransaction
                        {
                            Type = TransactionType.Decay,
                            BasePoints = (int)Math.Min(user.Points.CurrentPoints, int.MaxValue),
                            Multiplier = unit.Config.PointsDecayPercent / 100m,
                            UncappedPoints = -loss,
                            Points = -loss,
                            Reason = $"Decay: no activity for {k * period} days ({unit.Config.PointsDecayPercent}%)",
                            SourceType = TransactionSource.Decay,
                            SourceId = $"decay-{due:yyyy-MM-dd}",
                            LocalDate = unit.Today,
                        });
                        userRemoved += loss;
                    }
                    if (userRemoved > 0)
                    {
                        decayed++;
                        removed += userRemoved;
                    }
                }
                return Task.FromResult(true);
            }, ct);
        }
        logger.LogInformation("Decay for tenant {TenantId} on {Day}: {Users} users lost {Points} points", tenantId, today, decayed, removed);
        return new DecayRun(tenantId, today, decayed, removed);
    }

    private async Task<(List<string> UserIds, GamificationConfig Config, TenantClock Zone)> DecayCandidatesAsync(Guid tenantId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (zone, config) = await TenantRules.LoadAsync(db, tenantId, ct);
        if (config.DecayPeriodDays <= 0)
        {
            return ([], config, zone);
        }
        // Idle for a whole period at least: last activity before the start of (today - period + 1).
        var today = zone.LocalDay(clock.GetUtcNow());
        var idleSince = zone.DayStartUtc(today.AddDays(-config.DecayPeriodDays + 1));
        var ids = await db.UserPoints.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.TenantId == tenantId && p.CurrentPoints > 0 && p.LastActivityAt != null && p.LastActivityAt < idleSince)
            .Select(p => p.UserId)
            .ToListAsync(ct);
        return (ids, config, zone);
    }

    /// <summary>
    /// Ends the streaks of agents who missed their previous counting day (RULES.md, Streaks), so no page shows a
    /// dead streak. One conditional UPDATE: an agent whose event lands meanwhile is not touched. Idempotent.
    /// </summary>
    public async Task<StreakExpiryRun> ExpireStreaksAsync(Guid tenantId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (zone, config) = await TenantRules.LoadAsync(db, tenantId, ct);
        var now = clock.GetUtcNow();
        var today = zone.LocalDay(now);
        var cutoff = PointsRules.PreviousCountingDay(today, config);

        var ended = await db.UserPoints.IgnoreQueryFilters()
            .Where(p => p.TenantId == tenantId && p.StreakDays > 0 && (p.LastActiveDate == null || p.LastActiveDate < cutoff))
            .Select(p => new { p.UserId, p.CurrentPoints, p.LifetimePoints, p.DailyPoints, p.DailyDate })
            .ToListAsync(ct);
        if (ended.Count == 0)
        {
            return new StreakExpiryRun(tenantId, today, 0);
        }
        var count = await db.UserPoints.IgnoreQueryFilters()
            .Where(p => p.TenantId == tenantId && p.StreakDays > 0 && (p.LastActiveDate == null || p.LastActiveDate < cutoff))
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.StreakDays, 0)
                .SetProperty(p => p.Version, p => p.Version + 1)
                .SetProperty(p => p.UpdatedAt, now), ct);
        await LeaderboardVersions.BumpAsync(db, tenantId, people: false, ct);
        var endedIds = ended.Select(p => p.UserId).ToList();
        var levels = await db.UserLevels.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.TenantId == tenantId && EF.Parameter(endedIds).Contains(l.UserId))
            .ToDictionaryAsync(l => l.UserId, l => l.LevelNumber, ct);
        Units.Publish(ended.Select(p =>
        {
            var level = levels.GetValueOrDefault(p.UserId, 1);
            return new PointsNotification(tenantId, p.UserId, p.CurrentPoints, p.LifetimePoints,
                p.DailyDate == today ? p.DailyPoints : 0, LevelRules.DailyCap(config, level), 0, level, null, 0, "Streak ended");
        }).ToList());
        logger.LogInformation("Streak expiry for tenant {TenantId} on {Day}: {Count} streaks ended", tenantId, today, count);
        return new StreakExpiryRun(tenantId, today, count);
    }

    private static PointsChange Snapshot(UserState user, long transactionId, long points, string reason, int? levelUp = null, bool alreadyApplied = false) =>
        new(user.UserId, transactionId, points, reason, user.Points.CurrentPoints, user.Points.LifetimePoints, user.Level.LevelNumber, levelUp, alreadyApplied);

    private static void ValidateAdminChange(long points, string? reason, bool allowZero)
    {
        if (points < (allowZero ? 0 : 1) || points > MaxAdminPoints)
        {
            throw DomainException.Invalid("points", $"Points must be between {(allowZero ? 0 : 1)} and {MaxAdminPoints:N0}.");
        }
        Reasons.Require(reason, Reasons.ForPoints, MaxReasonLength);
    }

    /// <summary>Tells an agent's open pages something happened that moved no points (a redemption approved), with their current figures.</summary>
    public async Task NotifyAsync(Guid tenantId, string userId, string message, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (zone, config) = await TenantRules.LoadAsync(db, tenantId, ct);
        var today = zone.LocalDay(clock.GetUtcNow());
        var points = await db.UserPoints.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.TenantId == tenantId && p.UserId == userId, ct);
        var level = await db.UserLevels.IgnoreQueryFilters().Where(l => l.TenantId == tenantId && l.UserId == userId)
            .Select(l => (int?)l.LevelNumber).FirstOrDefaultAsync(ct) ?? 1;
        Units.Publish([new PointsNotification(tenantId, userId, points?.CurrentPoints ?? 0, points?.LifetimePoints ?? 0,
            points?.DailyDate == today ? points.DailyPoints : 0, LevelRules.DailyCap(config, level),
            points is null ? 0 : PointsRules.LiveStreak(points.StreakDays, points.LastActiveDate, today, config), level, null, 0, message)]);
    }

    /// <summary>
    /// Proves the stored balances against the ledger: for each user, current points = the sum of all entries;
    /// lifetime points = positive earning entries (activity, badge, challenge, level-up, admin award) minus
    /// admin revocations. Read in one transaction (a snapshot on SQLite and PostgreSQL); on a busy SQL Server re-run it to
    /// confirm a mismatch.
    /// </summary>
    public async Task<BalanceCheck> CheckLedgerAsync(Guid tenantId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(SqlDialect.Of(db).SnapshotReads, ct);
            var sums = await db.PointTransactions.IgnoreQueryFilters().AsNoTracking()
                .Where(t => t.TenantId == tenantId)
                .GroupBy(t => new { t.UserId, t.Type })
                .Select(g => new
                {
                    g.Key.UserId,
                    g.Key.Type,
                    Count = g.Count(),
                    Total = g.Sum(t => t.Points),
                    Positive = g.Sum(t => t.Points > 0 ? t.Points : 0L),
                })
                .ToListAsync(ct);
            var stored = await db.UserPoints.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.TenantId == tenantId)
                .Select(p => new { p.UserId, p.CurrentPoints, p.LifetimePoints })
                .ToDictionaryAsync(p => p.UserId, ct);
            await tx.CommitAsync(ct);

            var ledger = sums
                .GroupBy(s => s.UserId)
                .ToDictionary(g => g.Key, g => (
                    Current: g.Sum(s => s.Total),
                    // A revocation is stored negative; subtract its size whatever its sign: |x| = 2 x positive - total.
                    Lifetime: g.Where(s => TransactionTypes.IsEarning(s.Type)).Sum(s => s.Positive)
                        - g.Where(s => TransactionTypes.TakesBackLifetime(s.Type)).Sum(s => (2 * s.Positive) - s.Total)));

            var mismatches = new List<BalanceMismatch>();
            foreach (var userId in ledger.Keys.Union(stored.Keys).Order(StringComparer.Ordinal))
            {
                var (ledgerCurrent, ledgerLifetime) = ledger.GetValueOrDefault(userId);
                var (storedCurrent, storedLifetime) = stored.TryGetValue(userId, out var p) ? (p.CurrentPoints, p.LifetimePoints) : (0L, 0L);
                if (ledgerCurrent != storedCurrent || ledgerLifetime != storedLifetime)
                {
                    mismatches.Add(new BalanceMismatch(userId, storedCurrent, ledgerCurrent, storedLifetime, ledgerLifetime));
                }
            }
            if (mismatches.Count > 0)
            {
                logger.LogWarning("Ledger check for tenant {TenantId}: {Count} users' balances differ from the ledger", tenantId, mismatches.Count);
            }
            return new BalanceCheck(tenantId, ledger.Keys.Union(stored.Keys).Count(), sums.Sum(s => s.Count), mismatches);
        });
    }
}
