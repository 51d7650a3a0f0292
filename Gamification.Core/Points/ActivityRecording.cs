namespace Gamification.Core.Points;

/// <summary>
/// Activity events inside a unit (RULES.md: Activity events, Daily cap, Streaks): the shape of an event, duplicates,
/// the award with the daily cap and the streak, the counters, the event's row, and the unit's evaluators (challenges,
/// badges) after each event. <see cref="PointsEngine.RecordBatchAsync"/> runs it as one unit per batch.
/// </summary>
internal static class ActivityRecording
{
    private const int MaxEventIdLength = 128;

    /// <summary>
    /// Records the valid items of a batch in <paramref name="unit"/>, in order: a repeated event id answers its first result as a
    /// duplicate; a refused item gets its error; the rest are scored. Says whether anything was recorded.
    /// </summary>
    public static async Task<bool> RecordAsync(
        LedgerUnit unit, IReadOnlyList<ActivityInput> inputs, List<int> valid, ActivityOutcome[] outcomes, CancellationToken ct)
    {
        var db = unit.Db;
        var eventIds = valid.Select(i => inputs[i].EventId).Distinct(StringComparer.Ordinal).ToList();
        var earlier = await db.ActivityEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.TenantId == unit.TenantId && EF.Parameter(eventIds).Contains(e.EventId))
            .ToDictionaryAsync(e => e.EventId, StringComparer.Ordinal, ct);
        var inBatch = new Dictionary<string, ActivityResult>(StringComparer.Ordinal);
        unit.ExpectEventDays(valid.Select(i => unit.Clock.LocalDay(inputs[i].OccurredAt.ToUniversalTime())));

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
                    ?? throw PointsEngine.UnknownAgent(input.UserId);
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
    private static async Task<ActivityResult> ScoreAsync(LedgerUnit unit, UserState user, ActivityInput input, CancellationToken ct)
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

        // Challenges and badges move in the same unit; their rewards can level up too. The change is still told by
        // the event's own entry (the rewards have their own notices).
        var headline = user.Headline;
        await unit.OnActivityAsync(user, input, occurredAt, day, award.Awarded, ct);
        user.Headline = headline;
        var levelUp = user.Level.LevelNumber > levelBefore ? user.LevelUp : null;
        user.LevelUp ??= levelUpBefore;

        if (streak.Extended(streakBefore) && PointsRules.StreakMilestones.Contains(streak.StreakDays))
        {
            unit.AddAchievement(user, AchievementKind.StreakMilestone, $"{streak.StreakDays}-day streak", new { streak_days = streak.StreakDays });
            // Celebrated live like a badge (docs/rules.md, Reminders and celebrations); a milestone pays nothing itself.
            // In English, with the days it is written from: the reader's page renders it in their language.
            var (title, detail) = AchievementText.StreakMilestone(streak.StreakDays, CultureInfo.InvariantCulture);
            user.AddNotice(new AchievementNotice(AchievementKind.StreakMilestone, title, detail, 0, PointsRules.StreakMilestoneIcon)
            {
                Figures = new AchievementFigures(StreakDays: streak.StreakDays),
            });
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

    /// <summary>Refuses an event whose fields are missing or out of range, before any unit opens.</summary>
    /// <exception cref="ActivityRejectedException">What is wrong, by field.</exception>
    public static void ValidateShape(ActivityInput input)
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
        if (occurredAt < now - PointsEngine.MaxEventAge)
        {
            throw new ActivityRejectedException(
                "occurred_at", $"The event occurred at {occurredAt:u}, more than {PointsEngine.MaxEventAge.TotalHours:0} hours ago; events older than {PointsEngine.MaxEventAge.TotalHours:0} hours are refused.");
        }
        if (occurredAt > now + PointsEngine.MaxFutureSkew)
        {
            throw new ActivityRejectedException(
                "occurred_at", $"The event occurred at {occurredAt:u}, more than {PointsEngine.MaxFutureSkew.TotalMinutes:0} minutes in the future; check the sender's clock.");
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
}
