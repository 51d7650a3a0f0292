using System.Text.Json;
using System.Text.Json.Serialization;

using Gamification.Core.Analytics;
using Gamification.Core.Data;
using Gamification.Core.Levels;
using Gamification.Core.Tenants;

using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gamification.Core.Points;

/// <summary>
/// Turns activity events into points (RULES.md): one event is one database transaction that appends to the
/// ledger, updates the agent's balances, counters, streak and level, and stores the event with its answer.
/// The tenant is passed explicitly (every query ignores the context's tenant filter and filters by it), so
/// the engine serves requests, jobs and the seeder alike.
/// </summary>
/// <remarks>
/// Concurrency: each unit first bumps the agent's <see cref="UserPoints.Version"/> with a single UPDATE, which
/// takes the row's write lock, so writers for the same agent queue instead of colliding. The version is also a
/// concurrency token, and (TenantId, EventId) and (TenantId, UserId) are unique: if two writers still meet (the
/// agent's first event, a provider without row locks), one fails and the whole unit is retried on a fresh context.
/// </remarks>
public sealed class PointsEngine(IDbContextFactory<GamificationDbContext> dbFactory, TimeProvider clock, ILogger<PointsEngine> logger)
{
    /// <summary>Events older than this (against the clock) are refused.</summary>
    public static readonly TimeSpan MaxEventAge = TimeSpan.FromHours(48);

    /// <summary>Events further in the future than this (clock skew allowance) are refused.</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    private const int MaxAttempts = 5;
    private const int MaxEventIdLength = 128;

    /// <summary>How a result is stored in <see cref="ActivityEvent.ResultJson"/>: the API's snake_case.</summary>
    internal static readonly JsonSerializerOptions ResultJsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// Records one activity event and awards its points. The same event id twice awards once: the repeat
    /// returns the first result with status <see cref="ActivityStatus.Duplicate"/> and changes nothing.
    /// </summary>
    /// <exception cref="ActivityRejectedException">The event breaks a rule (too old, in the future, bad rating, unknown agent...); nothing is stored.</exception>
    public async Task<ActivityResult> RecordActivityAsync(Guid tenantId, ActivityInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ValidateShape(input);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var strategy = db.Database.CreateExecutionStrategy();
                return await strategy.ExecuteAsync(() => RecordOnceAsync(db, tenantId, input, ct));
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsWriteConflict(ex))
            {
                logger.LogInformation(
                    "Write conflict recording event {EventId} for user {UserId} in tenant {TenantId} (attempt {Attempt}); retrying",
                    input.EventId, input.UserId, tenantId, attempt);
                // A short random pause so that colliding writers do not collide again in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * attempt), ct);
            }
        }
    }

    private async Task<ActivityResult> RecordOnceAsync(GamificationDbContext db, Guid tenantId, ActivityInput input, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();

        // Take the agent's balance row first: a second writer for the same agent waits here until we commit.
        await db.UserPoints.IgnoreQueryFilters()
            .Where(p => p.TenantId == tenantId && p.UserId == input.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1), ct);

        var first = await db.ActivityEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.EventId == input.EventId)
            .Select(e => new { e.ResultJson, e.PointsAwarded })
            .FirstOrDefaultAsync(ct);
        if (first is not null)
        {
            await tx.RollbackAsync(ct);
            logger.LogDebug("Duplicate event {EventId} in tenant {TenantId}", input.EventId, tenantId);
            return DuplicateOf(input.EventId, first.ResultJson, first.PointsAwarded);
        }

        RejectIfOutsideWindow(input.OccurredAt, now);

        var timeZoneId = await db.Tenants.AsNoTracking()
            .Where(t => t.Id == tenantId)
            .Select(t => t.TimeZoneId)
            .FirstOrDefaultAsync(ct)
            ?? throw DomainException.NotFound("The tenant");
        var agent = await db.Users.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Id == input.UserId && u.TenantId == tenantId)
            .Select(u => new { u.ExternalId })
            .FirstOrDefaultAsync(ct)
            ?? throw new ActivityRejectedException("user_id", $"There is no agent '{input.UserId}' in this tenant.");
        var config = await LoadConfigAsync(db, tenantId, ct);
        var levels = await db.PlayerLevels.IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.TenantId == tenantId)
            .OrderBy(l => l.LevelNumber)
            .ToListAsync(ct);

        var points = await db.UserPoints.IgnoreQueryFilters()
            .FirstOrDefaultAsync(p => p.TenantId == tenantId && p.UserId == input.UserId, ct);
        if (points is null)
        {
            points = new UserPoints { TenantId = tenantId, UserId = input.UserId };
            db.UserPoints.Add(points);
        }
        var userLevel = await db.UserLevels.IgnoreQueryFilters()
            .FirstOrDefaultAsync(l => l.TenantId == tenantId && l.UserId == input.UserId, ct);
        if (userLevel is null)
        {
            userLevel = new UserLevel { TenantId = tenantId, UserId = input.UserId, LevelNumber = 1, ReachedAt = now };
            db.UserLevels.Add(userLevel);
        }

        var occurredAt = input.OccurredAt.ToUniversalTime();
        var day = TenantClock.For(timeZoneId).LocalDay(occurredAt);

        // The daily counters belong to the newest local day seen. An event for a newer day rolls them over;
        // a late event for an earlier day is capped against that day's ledger and leaves them alone.
        long dailySoFar;
        if (points.DailyDate is not { } dailyDate || day > dailyDate)
        {
            points.DailyDate = day;
            points.DailyPoints = 0;
            points.CallsToday = 0;
            dailySoFar = 0;
        }
        else if (day == dailyDate)
        {
            dailySoFar = points.DailyPoints;
        }
        else
        {
            dailySoFar = await db.PointTransactions.IgnoreQueryFilters()
                .Where(t => t.TenantId == tenantId && t.UserId == input.UserId
                    && t.Type == TransactionType.Activity && t.LocalDate == day)
                .SumAsync(t => t.Points, ct);
        }
        var onCounterDay = points.DailyDate == day;

        var streakBefore = new StreakState(points.StreakDays, points.LastActiveDate);
        var streak = PointsRules.NextStreak(streakBefore, day, config);
        points.StreakDays = streak.StreakDays;
        points.LastActiveDate = streak.LastActiveDate;
        points.LongestStreak = Math.Max(points.LongestStreak, streak.StreakDays);

        var award = PointsRules.ComputeAward(
            config, input.Type, input.Rating, streak.StreakOnDay, LevelRules.DailyCap(config, userLevel.LevelNumber), dailySoFar);

        db.PointTransactions.Add(new PointTransaction
        {
            TenantId = tenantId,
            UserId = input.UserId,
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
            CreatedAt = now,
            LocalDate = day,
        });
        points.CurrentPoints += award.Awarded;
        points.LifetimePoints += award.Awarded;
        if (onCounterDay)
        {
            points.DailyPoints += (int)award.Awarded;
        }
        CountActivity(points, input, onCounterDay);
        points.LastActivityAt = points.LastActivityAt is { } lastAt && lastAt > occurredAt ? lastAt : occurredAt;

        if (streak.Extended(streakBefore) && PointsRules.StreakMilestones.Contains(streak.StreakDays))
        {
            db.AchievementEvents.Add(new AchievementEvent
            {
                TenantId = tenantId,
                UserId = input.UserId,
                Kind = AchievementKind.StreakMilestone,
                Title = $"{streak.StreakDays}-day streak",
                DataJson = JsonSerializer.Serialize(new { streak_days = streak.StreakDays }),
                CreatedAt = now,
            });
        }

        var levelUp = ApplyLevelUps(db, config, levels, points, userLevel, day, now);

        points.Version++;
        points.UpdatedAt = now;

        var result = new ActivityResult(
            input.EventId,
            award.WasCapped ? ActivityStatus.Capped : ActivityStatus.Awarded,
            award.Awarded,
            award,
            levelUp,
            (int)(dailySoFar + award.Awarded),
            points.CurrentPoints,
            points.StreakDays);

        db.ActivityEvents.Add(new ActivityEvent
        {
            TenantId = tenantId,
            EventId = input.EventId,
            Type = input.Type,
            UserId = input.UserId,
            AgentExternalId = agent.ExternalId ?? "",
            OccurredAt = occurredAt,
            LocalDate = day,
            Rating = input.Rating,
            DurationSeconds = input.DurationSeconds,
            LeadId = input.LeadId,
            MetadataJson = input.MetadataJson,
            ReceivedAt = now,
            PointsAwarded = award.Awarded,
            ResultJson = JsonSerializer.Serialize(result, ResultJsonOptions),
        });

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        logger.LogDebug(
            "Event {EventId} ({Type}) for user {UserId} in tenant {TenantId}: {Status} {Points} of {Uncapped} points",
            input.EventId, input.Type, input.UserId, tenantId, result.Status, award.Awarded, award.Uncapped);
        return result;
    }

    /// <summary>
    /// While lifetime points reach the next level: raise the level and pay the level-up bonus (not capped, not
    /// multiplied), which can cross the following threshold too. Returns the highest new level, or null.
    /// </summary>
    private int? ApplyLevelUps(
        GamificationDbContext db, GamificationConfig config, IReadOnlyList<PlayerLevel> levels,
        UserPoints points, UserLevel userLevel, DateOnly day, DateTimeOffset now)
    {
        int? reached = null;
        var bonus = LevelRules.LevelUpBonus(config);
        while (LevelRules.NextLevel(userLevel.LevelNumber, levels) is { } next && points.LifetimePoints >= next.PointsTotalRequired)
        {
            userLevel.LevelNumber = next.LevelNumber;
            userLevel.ReachedAt = now;
            reached = next.LevelNumber;

            db.PointTransactions.Add(new PointTransaction
            {
                TenantId = points.TenantId,
                UserId = points.UserId,
                Type = TransactionType.LevelUp,
                BasePoints = config.LevelUpBasePoints,
                Multiplier = config.LevelUpMultiplier,
                StreakMultiplier = 1m,
                Bonus = config.LevelUpBonus,
                UncappedPoints = bonus,
                Points = bonus,
                Reason = $"Reached level {next.LevelNumber} ({next.Name})",
                SourceType = TransactionSource.Level,
                SourceId = $"level-{next.LevelNumber}",
                CreatedAt = now,
                LocalDate = day,
            });
            points.CurrentPoints += bonus;
            points.LifetimePoints += bonus;

            db.AchievementEvents.Add(new AchievementEvent
            {
                TenantId = points.TenantId,
                UserId = points.UserId,
                Kind = AchievementKind.LevelUp,
                Title = $"Reached level {next.LevelNumber} ({next.Name})",
                DataJson = JsonSerializer.Serialize(new { level = next.LevelNumber, tier = next.Name, bonus }),
                CreatedAt = now,
            });
            logger.LogInformation(
                "User {UserId} in tenant {TenantId} reached level {Level}; bonus {Bonus} points",
                points.UserId, points.TenantId, next.LevelNumber, bonus);
        }
        return reached;
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
                    Lifetime: g.Where(s => EarningTypes.Contains(s.Type)).Sum(s => s.Positive)
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
            return new BalanceCheck(tenantId, stored.Count, sums.Sum(s => s.Count), mismatches);
        });
    }

    /// <summary>Ledger entry types that add to lifetime points (RULES.md, Balances and the ledger).</summary>
    private static readonly HashSet<TransactionType> EarningTypes =
    [
        TransactionType.Activity,
        TransactionType.BadgeReward,
        TransactionType.ChallengeReward,
        TransactionType.LevelUp,
        TransactionType.AdminAward,
    ];

    private static void ValidateShape(ActivityInput input)
    {
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

    /// <summary>The tenant's config. Every tenant is created with one; if it is missing, the documented defaults apply.</summary>
    private static async Task<GamificationConfig> LoadConfigAsync(GamificationDbContext db, Guid tenantId, CancellationToken ct) =>
        await db.GamificationConfigs.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(c => c.TenantId == tenantId, ct)
            ?? new GamificationConfig { TenantId = tenantId };

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

    private static ActivityResult DuplicateOf(string eventId, string? resultJson, long pointsAwarded)
    {
        var first = resultJson is null ? null : JsonSerializer.Deserialize<ActivityResult>(resultJson, ResultJsonOptions);
        // Events stored without an answer (imported history) still answer as duplicates, with what they awarded.
        first ??= new ActivityResult(
            eventId, ActivityStatus.Awarded, pointsAwarded,
            new ActivityAward(0, 1m, 1m, 0, pointsAwarded, pointsAwarded, "Recorded earlier"), null, 0, 0, 0);
        return first with { Status = ActivityStatus.Duplicate };
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
