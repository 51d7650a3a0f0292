using System.Text.Json;
using System.Text.Json.Serialization;

using Gamification.Core.Analytics;
using Gamification.Core.Badges;
using Gamification.Core.Data;
using Gamification.Core.Leaderboards;
using Gamification.Core.Levels;
using Gamification.Core.Notifications;
using Gamification.Core.Tenants;

using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gamification.Core.Points;

/// <summary>
/// The one place points move (RULES.md). Activity events, batches of them, badge/challenge/admin awards,
/// revocations, decay and streak expiry each run as one database transaction (a <see cref="LedgerUnit"/>) that
/// appends to the ledger and updates the users' balances, counters, streaks and levels together. The tenant is
/// passed explicitly (every query ignores the context's tenant filter and filters by it), so the engine serves
/// requests, jobs and the seeder alike.
/// </summary>
/// <remarks>
/// Concurrency: each unit first takes the write lock of the balance rows it touches (SQL Server: one UPDATE bumping
/// <see cref="UserPoints.Version"/>; SQLite: the database write lock its transactions take at BEGIN IMMEDIATE),
/// so writers for the same agent queue instead of colliding. The version is also a concurrency token, and (TenantId, EventId), (TenantId, UserId) and the
/// ledger's reward sources are unique: if two writers still meet (an agent's first event, a deadlock victim,
/// a busy SQLite file), one fails and the whole unit is retried on a fresh context.
/// </remarks>
public sealed partial class PointsEngine(
    IDbContextFactory<GamificationDbContext> dbFactory,
    TimeProvider clock,
    ILogger<PointsEngine> logger,
    IPointsNotifier? notifier = null)
{
    /// <summary>Events older than this (against the clock) are refused.</summary>
    public static readonly TimeSpan MaxEventAge = TimeSpan.FromHours(48);

    /// <summary>Events further in the future than this (clock skew allowance) are refused.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>The most events one batch may carry.</summary>
    public const int MaxBatchSize = 1000;

    /// <summary>The most points one admin award or revocation may move.</summary>
    public const long MaxAdminPoints = 1_000_000;

    private const int MaxAttempts = 8;
    private const int MaxEventIdLength = 128;
    private const int MaxReasonLength = 400;

    private readonly IPointsNotifier notifier = notifier ?? NullPointsNotifier.Instance;

    /// <summary>Test seam: runs inside each unit just before the balances are written (to play a second writer).</summary>
    internal Func<GamificationDbContext, CancellationToken, Task>? BeforeWrite { get; set; }

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
        if (inputs.Count > MaxBatchSize)
        {
            throw DomainException.Invalid("events", $"A batch holds at most {MaxBatchSize} events; this one has {inputs.Count}.");
        }
        var outcomes = new ActivityOutcome[inputs.Count];
        var valid = new List<int>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            try
            {
                ValidateShape(inputs[i]);
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
            var notifications = await RunUnitAsync(tenantId, userIds, (unit, ct2) => RecordAsync(unit, inputs, valid, outcomes, ct2), ct);
            Publish(notifications);
        }
        return outcomes;
    }

    private async Task<bool> RecordAsync(
        LedgerUnit unit, IReadOnlyList<ActivityInput> inputs, List<int> valid, ActivityOutcome[] outcomes, CancellationToken ct)
    {
        var db = unit.Db;
        var eventIds = valid.Select(i => inputs[i].EventId).Distinct(StringComparer.Ordinal).ToList();
        var earlier = await db.ActivityEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.TenantId == unit.TenantId && EF.Parameter(eventIds).Contains(e.EventId))
            .ToDictionaryAsync(e => e.EventId, StringComparer.Ordinal, ct);
        var inBatch = new Dictionary<string, ActivityResult>(StringComparer.Ordinal);
        unit.Achievements.ExpectEventDays(valid.Select(i => unit.Clock.LocalDay(inputs[i].OccurredAt.ToUniversalTime())));

        foreach (var i in valid)
        {
            var input = inputs[i];
            if (earlier.TryGetValue(input.EventId, out var first))
            {
                outcomes[i] = new ActivityOutcome(i, input.EventId, await DuplicateOfAsync(unit, first, ct), null);
                continue;
            }
            if (inBatch.TryGetValue(input.EventId, out var firstInBatch))
            {
                outcomes[i] = new ActivityOutcome(i, input.EventId, firstInBatch with { Status = ActivityStatus.Duplicate }, null);
                continue;
            }
            try
            {
                if (!unit.Config.Enabled)
                {
                    throw new DomainException(DomainErrorKind.Conflict,
                        "Gamification is switched off for this tenant; an admin can switch it on in the settings.");
                }
                RejectIfOutsideWindow(input.OccurredAt, unit.Now);
                var user = unit.Find(input.UserId)
                    ?? throw new DomainException(DomainErrorKind.NotFound, $"There is no agent '{input.UserId}' in this tenant.",
                        new Dictionary<string, string[]> { ["agent_id"] = [$"There is no agent '{input.UserId}' in this tenant."] });
                if (!user.IsActive)
                {
                    throw new ActivityRejectedException("agent_id", $"The agent '{user.ExternalId}' is deactivated; their events are not recorded.");
                }
                var result = await ScoreAsync(unit, user, input, ct);
                inBatch[input.EventId] = result;
                outcomes[i] = new ActivityOutcome(i, input.EventId, result, null);
            }
            catch (DomainException ex)
            {
                outcomes[i] = new ActivityOutcome(i, input.EventId, null, ex);
            }
        }
        return inBatch.Count > 0;
    }

    /// <summary>Scores one activity event for a user (RULES.md: Activity events, Daily cap, Streaks) and stages its rows.</summary>
    private async Task<ActivityResult> ScoreAsync(LedgerUnit unit, UserState user, ActivityInput input, CancellationToken ct)
    {
        var points = user.Points;
        var occurredAt = input.OccurredAt.ToUniversalTime();
        var day = unit.Clock.LocalDay(occurredAt);

        // The daily counters belong to the newest local day seen. An event for a newer day rolls them over;
        // a late event for an earlier day is capped against that day's ledger and leaves them alone.
        long dailySoFar;
        if (points.DailyDate is not { } dailyDate || day > dailyDate)
        {
            if (points.DailyDate is { } previousDay)
            {
                user.EarlierDays[previousDay] = points.DailyPoints;
            }
            points.DailyDate = day;
            points.DailyPoints = 0;
            points.CallsToday = 0;
            dailySoFar = 0;
        }
        else if (day == dailyDate)
        {
            dailySoFar = points.DailyPoints;
        }
        else if (!user.EarlierDays.TryGetValue(day, out dailySoFar))
        {
            var stored = await unit.Db.PointTransactions.IgnoreQueryFilters()
                .Where(t => t.TenantId == unit.TenantId && t.UserId == user.UserId
                    && t.Type == TransactionType.Activity && t.LocalDate == day)
                .SumAsync(t => t.Points, ct);
            var pending = unit.Pending(user.UserId)
                .Where(t => t.Type == TransactionType.Activity && t.LocalDate == day)
                .Sum(t => t.Points);
            dailySoFar = stored + pending;
        }
        var onCounterDay = points.DailyDate == day;

        var streakBefore = new StreakState(points.StreakDays, points.LastActiveDate);
        var streak = PointsRules.NextStreak(streakBefore, day, unit.Config);
        points.StreakDays = streak.StreakDays;
        points.LastActiveDate = streak.LastActiveDate;
        points.LongestStreak = Math.Max(points.LongestStreak, streak.StreakDays);

        var award = PointsRules.ComputeAward(unit.Config, input.Type, input.Rating, streak.StreakOnDay, unit.DailyCap(user), dailySoFar);

        var levelBefore = user.Level.LevelNumber;
        var levelUpBefore = user.LevelUp;
        user.LevelUp = null;
        unit.Post(user, new PointTransaction
        {
            Type = TransactionType.Activity,
            BasePoints = award.Base,
            Multiplier = award.Multiplier,
            StreakMultiplier = award.StreakMultiplier,
            Bonus = award.Bonus,
            UncappedPoints = award.Uncapped,
            Points = award.Awarded,
            Reason = award.Reason,
            SourceType = TransactionSource.ActivityEvent,
            SourceId = input.EventId,
            LocalDate = day,
        });

        if (onCounterDay)
        {
            points.DailyPoints += (int)award.Awarded;
        }
        else
        {
            user.EarlierDays[day] = dailySoFar + award.Awarded;
        }
        CountActivity(points, input, onCounterDay);
        points.LastActivityAt = points.LastActivityAt is { } lastAt && lastAt > occurredAt ? lastAt : occurredAt;

        // Challenges and badges move in the same unit; their rewards can level up too. The message stays the
        // event's own (the rewards have their own notices).
        var message = user.LastMessage;
        await unit.Achievements.OnActivityAsync(user, input, occurredAt, day, award.Awarded, ct);
        user.LastMessage = message;
        var levelUp = user.Level.LevelNumber > levelBefore ? user.LevelUp : null;
        user.LevelUp ??= levelUpBefore;

        if (streak.Extended(streakBefore) && PointsRules.StreakMilestones.Contains(streak.StreakDays))
        {
            unit.AddAchievement(user, AchievementKind.StreakMilestone, $"{streak.StreakDays}-day streak", new { streak_days = streak.StreakDays });
        }

        var result = new ActivityResult(
            input.EventId,
            award.WasCapped ? ActivityStatus.Capped : ActivityStatus.Awarded,
            award.Awarded,
            award,
            levelUp,
            (int)(dailySoFar + award.Awarded),
            points.CurrentPoints,
            points.StreakDays);

        unit.AddEvent(new ActivityEvent
        {
            EventId = input.EventId,
            Type = input.Type,
            UserId = user.UserId,
            AgentExternalId = user.ExternalId,
            OccurredAt = occurredAt,
            LocalDate = day,
            Rating = input.Rating,
            DurationSeconds = input.DurationSeconds,
            LeadId = input.LeadId,
            MetadataJson = input.MetadataJson,
            ReceivedAt = unit.Now,
            PointsAwarded = award.Awarded,
            Capped = award.WasCapped,
            LevelUp = levelUp,
            DailyPointsAfter = result.DailyPoints,
            CurrentPointsAfter = result.CurrentPoints,
            StreakDaysAfter = result.StreakDays,
        });
        return result;
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
        if (grant.Type != TransactionType.AdminAward && string.IsNullOrEmpty(grant.SourceId))
        {
            throw new ArgumentException("A badge or challenge reward names its source.", nameof(grant));
        }
        ValidateAdminChange(grant.Points, grant.Reason, allowZero: grant.Type != TransactionType.AdminAward);

        PointsChange? change = null;
        PointTransaction? written = null;
        var notifications = await RunUnitAsync(tenantId, [grant.UserId], async (unit, ct2) =>
        {
            var user = unit.Require(grant.UserId, allowInactive: grant.Type != TransactionType.AdminAward);
            if (grant.Type != TransactionType.AdminAward)
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
            unit.Post(user, entry);
            unit.RequireId(entry);
            await unit.Achievements.OnAwardAsync(user, ct2);
            written = entry;
            change = Snapshot(user, 0, entry.Points, entry.Reason, levelUp: user.Level.LevelNumber > levelBefore ? user.LevelUp : null);
            return true;
        }, ct);
        if (written is not null)
        {
            change = change! with { TransactionId = written.Id };
        }
        Publish(notifications);
        logger.LogInformation("{Type} of {Points} points to user {UserId} in tenant {TenantId}: {Reason}",
            grant.Type, grant.Points, grant.UserId, tenantId, grant.Reason);
        return change!;
    }

    /// <summary>
    /// An admin awards a badge by hand with a reason (any active badge; manual ones only this way). Its points are
    /// paid with it (ledger type badge_reward), once: a badge already earned is refused.
    /// </summary>
    /// <exception cref="DomainException">Missing reason (400), unknown badge or user (404), inactive badge (400), already earned (409).</exception>
    public async Task<BadgeAwardResult> AwardBadgeAsync(Guid tenantId, long badgeId, string userId, string reason, string? adminUserId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("reason", "Give a reason; the agent sees it with the badge.");
        }
        if (reason.Trim().Length > MaxReasonLength)
        {
            throw DomainException.Invalid("reason", $"The reason is longer than {MaxReasonLength} characters.");
        }
        BadgeAwardResult? result = null;
        var notifications = await RunUnitAsync(tenantId, [userId], async (unit, ct2) =>
        {
            var user = unit.Require(userId);
            var before = user.Points.CurrentPoints;
            var badge = await unit.Achievements.AwardByHandAsync(user, badgeId, reason.Trim(), adminUserId, ct2);
            result = new BadgeAwardResult(user.UserId, badge.Id, badge.Name, unit.Now, user.Points.CurrentPoints - before, user.Points.CurrentPoints);
            return true;
        }, ct);
        Publish(notifications);
        logger.LogInformation("Badge {BadgeId} awarded by hand to user {UserId} in tenant {TenantId}", badgeId, userId, tenantId);
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
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
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
                .Where(s => s.TenantId == tenantId && s.PeriodType == Leaderboards.LeaderboardPeriod.Weekly && s.PeriodStart == weekStart && s.Points > 0)
                .Select(s => new { s.UserId, Score = s.Points })
                .ToListAsync(ct);
            var ordered = scores.OrderByDescending(s => s.Score).ToList();
            ranks = Leaderboards.LeaderboardRules.CompetitionRanks(ordered, s => s.Score)
                .Where(r => r.Rank <= deepest)
                .ToDictionary(r => r.Row.UserId, r => r.Rank, StringComparer.Ordinal);
        }
        if (ranks.Count == 0)
        {
            return 0;
        }
        var awarded = 0;
        var notifications = await RunUnitAsync(tenantId, ranks.Keys.ToList(), async (unit, ct2) =>
        {
            awarded = await unit.Achievements.AwardWeeklyRanksAsync(ranks, weekStart, ct2);
            return awarded > 0;
        }, ct);
        Publish(notifications);
        logger.LogInformation("Weekly rank badges for tenant {TenantId}, week of {WeekStart}: {Count} awarded", tenantId, weekStart, awarded);
        return awarded;
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
        var notifications = await RunUnitAsync(tenantId, [userId], (unit, _) =>
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
            unit.Post(user, entry);
            unit.RequireId(entry);
            written = entry;
            change = Snapshot(user, 0, entry.Points, entry.Reason);
            return Task.FromResult(true);
        }, ct);
        change = change! with { TransactionId = written!.Id };
        Publish(notifications);
        logger.LogInformation("Revoked {Points} points from user {UserId} in tenant {TenantId}: {Reason}", points, userId, tenantId, reason);
        return change!;
    }

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
            var notifications = await RunUnitAsync(tenantId, chunk, (unit, _) =>
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
            Publish(notifications);
        }
        logger.LogInformation("Decay for tenant {TenantId} on {Day}: {Users} users lost {Points} points", tenantId, today, decayed, removed);
        return new DecayRun(tenantId, today, decayed, removed);
    }

    private async Task<(List<string> UserIds, GamificationConfig Config, TenantClock Zone)> DecayCandidatesAsync(Guid tenantId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (zone, config) = await LedgerUnit.LoadRulesAsync(db, tenantId, ct);
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
        var (zone, config) = await LedgerUnit.LoadRulesAsync(db, tenantId, ct);
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
        Publish(ended.Select(p =>
        {
            var level = levels.GetValueOrDefault(p.UserId, 1);
            return new PointsNotification(tenantId, p.UserId, p.CurrentPoints, p.LifetimePoints,
                p.DailyDate == today ? p.DailyPoints : 0, LevelRules.DailyCap(config, level), 0, level, null, 0, "Streak ended");
        }).ToList());
        logger.LogInformation("Streak expiry for tenant {TenantId} on {Day}: {Count} streaks ended", tenantId, today, count);
        return new StreakExpiryRun(tenantId, today, count);
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one unit: a fresh context, a transaction, the users' rows locked and loaded,
    /// then everything flushed and committed when the work says it changed something. A write conflict retries
    /// the whole unit on a fresh context. Returns what to tell the users, to publish once committed.
    /// </summary>
    private async Task<IReadOnlyList<PointsNotification>> RunUnitAsync(
        Guid tenantId, IReadOnlyCollection<string> userIds, Func<LedgerUnit, CancellationToken, Task<bool>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var strategy = db.Database.CreateExecutionStrategy();
                return await strategy.ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    var unit = await LedgerUnit.OpenAsync(db, tenantId, clock.GetUtcNow(), userIds, ct);
                    unit.BeforeWrite = BeforeWrite;
                    if (!await work(unit, ct) || !unit.HasChanges)
                    {
                        await tx.RollbackAsync(ct);
                        return (IReadOnlyList<PointsNotification>)[];
                    }
                    await unit.FlushAsync(ct);
                    await tx.CommitAsync(ct);
                    return unit.Notifications();
                });
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsWriteConflict(ex))
            {
                logger.LogInformation(
                    "Write conflict for users {UserIds} in tenant {TenantId} (attempt {Attempt}); retrying",
                    string.Join(",", userIds.Take(5)), tenantId, attempt);
                // A short random pause so that colliding writers do not collide again in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), ct);
            }
        }
    }

    private void Publish(IReadOnlyList<PointsNotification> notifications)
    {
        foreach (var n in notifications)
        {
            try
            {
                notifier.Publish(n);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A notification is a courtesy; the change is committed whatever a subscriber does.
                logger.LogWarning(ex, "Publishing a points notification for user {UserId} failed", n.UserId);
            }
        }
    }

    private static PointsChange Snapshot(UserState user, long transactionId, long points, string reason, int? levelUp = null, bool alreadyApplied = false) =>
        new(user.UserId, transactionId, points, reason, user.Points.CurrentPoints, user.Points.LifetimePoints, user.Level.LevelNumber, levelUp, alreadyApplied);

    private static void ValidateAdminChange(long points, string? reason, bool allowZero)
    {
        if (points < (allowZero ? 0 : 1) || points > MaxAdminPoints)
        {
            throw DomainException.Invalid("points", $"Points must be between {(allowZero ? 0 : 1)} and {MaxAdminPoints:N0}.");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("reason", "Give a reason; the agent sees it in their history.");
        }
        if (reason.Trim().Length > MaxReasonLength)
        {
            throw DomainException.Invalid("reason", $"The reason is longer than {MaxReasonLength} characters.");
        }
    }

    /// <summary>
    /// Proves the stored balances against the ledger: for each user, current points = the sum of all entries;
    /// lifetime points = positive earning entries (activity, badge, challenge, level-up, admin award) minus
    /// admin revocations. Read in one transaction; on a busy SQL Server re-run it to confirm a mismatch.
    /// </summary>
    public async Task<BalanceCheck> CheckLedgerAsync(Guid tenantId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
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
                    Lifetime: g.Where(s => LedgerUnit.IsEarning(s.Type)).Sum(s => s.Positive)
                        - g.Where(s => s.Type == TransactionType.AdminRevoke).Sum(s => (2 * s.Positive) - s.Total)));

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

    private static void ValidateShape(ActivityInput input)
    {
        if (input is null)
        {
            throw new ActivityRejectedException("event", "The event is empty.");
        }
        if (string.IsNullOrWhiteSpace(input.EventId))
        {
            throw new ActivityRejectedException("event_id", "An event needs an event_id.");
        }
        if (input.EventId.Length > MaxEventIdLength)
        {
            throw new ActivityRejectedException("event_id", $"The event_id is longer than {MaxEventIdLength} characters.");
        }
        if (string.IsNullOrWhiteSpace(input.UserId))
        {
            throw new ActivityRejectedException("user_id", "An event needs the agent it belongs to.");
        }
        if (!Enum.IsDefined(input.Type))
        {
            throw new ActivityRejectedException("type", $"Unknown event type '{input.Type}'.");
        }
        if (input.Rating is < 1 or > 5)
        {
            throw new ActivityRejectedException("rating", $"The rating must be between 1 and 5; it was {input.Rating}.");
        }
        if (input.DurationSeconds is < 0)
        {
            throw new ActivityRejectedException("duration_seconds", "The duration cannot be negative.");
        }
        if (input.LeadId is { Length: > 128 })
        {
            throw new ActivityRejectedException("lead_id", "The lead_id is longer than 128 characters.");
        }
    }

    private static void RejectIfOutsideWindow(DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (occurredAt < now - MaxEventAge)
        {
            throw new ActivityRejectedException(
                "occurred_at", $"The event occurred at {occurredAt:u}, more than 48 hours ago; events older than 48 hours are refused.");
        }
        if (occurredAt > now + MaxFutureSkew)
        {
            throw new ActivityRejectedException(
                "occurred_at", $"The event occurred at {occurredAt:u}, more than 5 minutes in the future; check the sender's clock.");
        }
    }

    private static void CountActivity(UserPoints points, ActivityInput input, bool onCounterDay)
    {
        switch (input.Type)
        {
            case ActivityType.CallCompleted:
                points.TotalCalls++;
                if (PointsRules.IsPerfectCall(input.Type, input.Rating))
                {
                    points.PerfectCalls++;
                }
                if (onCounterDay)
                {
                    points.CallsToday++;
                }
                break;
            case ActivityType.LeadConverted:
                points.Conversions++;
                break;
            case ActivityType.QualityReview:
                points.QualityReviews++;
                break;
            case ActivityType.CustomerFeedback:
                points.FeedbackCount++;
                break;
        }
    }

    /// <summary>The first answer to an event, rebuilt from its row and its ledger entry, marked as a duplicate.</summary>
    private static async Task<ActivityResult> DuplicateOfAsync(LedgerUnit unit, ActivityEvent first, CancellationToken ct)
    {
        var entry = await unit.Db.PointTransactions.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.TenantId == unit.TenantId && t.UserId == first.UserId && t.Type == TransactionType.Activity && t.SourceId == first.EventId)
            .FirstOrDefaultAsync(ct);
        var award = entry is null
            ? new ActivityAward(0, 1m, 1m, 0, first.PointsAwarded, first.PointsAwarded, "Recorded earlier")
            : new ActivityAward(entry.BasePoints, PointsRules.Normalize(entry.Multiplier), PointsRules.Normalize(entry.StreakMultiplier),
                entry.Bonus, entry.UncappedPoints, entry.Points, entry.Reason);
        return new ActivityResult(first.EventId, ActivityStatus.Duplicate, first.PointsAwarded, award, first.LevelUp,
            first.DailyPointsAfter, first.CurrentPointsAfter, first.StreakDaysAfter);
    }

    /// <summary>A second writer got there first: a stale version, a unique index hit, or a busy SQLite file.</summary>
    private static bool IsWriteConflict(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbUpdateConcurrencyException:
                // SQLITE_BUSY / SQLITE_LOCKED; SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY.
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                case SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }:
                // Unique index / key violation; deadlock victim.
                case SqlException { Number: 2601 or 2627 or 1205 }:
                    return true;
            }
        }
        return false;
    }
}
