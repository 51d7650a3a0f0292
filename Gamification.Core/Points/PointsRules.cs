namespace Gamification.Core.Points;

/// <summary>
/// What one activity event earns, before and after the daily cap (RULES.md, Activity events and Daily cap).
/// <see cref="Uncapped"/> = floor(Base x Multiplier x StreakMultiplier) + Bonus; <see cref="Awarded"/> is what the
/// daily cap left of it.
/// </summary>
public sealed record ActivityAward(
    int Base,
    decimal Multiplier,
    decimal StreakMultiplier,
    int Bonus,
    long Uncapped,
    long Awarded,
    string Reason)
{
    public bool WasCapped => Awarded < Uncapped;
}

/// <summary>A user's streak as stored: the run length and the last local day that counted for it.</summary>
public readonly record struct StreakState(int StreakDays, DateOnly? LastActiveDate);

/// <summary>
/// The streak after an activity on a day: the new stored state and the streak that counts for that day's
/// award (<see cref="StreakOnDay"/>, which decides the streak multiplier).
/// </summary>
public readonly record struct StreakOutcome(int StreakDays, DateOnly? LastActiveDate, int StreakOnDay)
{
    /// <summary>True when this activity made the streak longer (the moment a milestone can be reached).</summary>
    public bool Extended(StreakState before) => StreakDays > before.StreakDays && LastActiveDate != before.LastActiveDate;
}

/// <summary>The points rules as pure functions: no database, no clock.</summary>
public static class PointsRules
{
    public const string DailyCapReachedReason = "daily cap reached";

    /// <summary>Streak lengths that are celebrated with an achievement event.</summary>
    public static IReadOnlyList<int> StreakMilestones { get; } = [3, 7, 14, 30, 60, 100];

    /// <summary>The icon of a streak milestone's celebration (the badges' built-in flame).</summary>
    public const string StreakMilestoneIcon = "fire";

    /// <summary>A completed call rated 5 is a perfect call (awarded instead of a plain call).</summary>
    public static bool IsPerfectCall(ActivityType type, int? rating) =>
        type == ActivityType.CallCompleted && rating == 5;

    /// <summary>
    /// The award for one event. <paramref name="streakDays"/> is the streak counting the event's day;
    /// <paramref name="dailyPointsSoFar"/> the activity points already awarded on that local day.
    /// </summary>
    public static ActivityAward ComputeAward(
        GamificationConfig config, ActivityType type, int? rating, int streakDays, int dailyCap, long dailyPointsSoFar)
    {
        ArgumentNullException.ThrowIfNull(config);

        var (basePoints, multiplier, bonus, reason) = type switch
        {
            ActivityType.CallCompleted when IsPerfectCall(type, rating) =>
                (config.PointsPerCall, (decimal)config.PerfectCallMultiplier, config.PerfectCallBonus, "Perfect call (5★)"),
            ActivityType.CallCompleted => (config.PointsPerCall, 1m, 0, "Completed call"),
            ActivityType.LeadConverted => (config.PointsPerConversion, 1m, 0, "Lead converted"),
            ActivityType.QualityReview => (config.PointsPerQualityReview, 1m, 0, "Quality review"),
            ActivityType.CustomerFeedback => (config.PointsPerFeedback, 1m, 0, "Customer feedback"),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown activity type."),
        };

        var streakMultiplier = StreakMultiplierFor(config, streakDays);
        // The only rounding: once, down, on the product of base and multipliers (RULES.md).
        var uncapped = Math.Max(0, (long)decimal.Floor(basePoints * multiplier * streakMultiplier) + bonus);

        var left = Math.Max(0, dailyCap - dailyPointsSoFar);
        var awarded = Math.Min(uncapped, left);
        if (awarded < uncapped)
        {
            reason = awarded == 0 ? DailyCapReachedReason : $"{reason} (cut to {awarded} by the daily cap)";
        }

        return new ActivityAward(basePoints, Normalize(multiplier), Normalize(streakMultiplier), bonus, uncapped, awarded, reason);
    }

    /// <summary>What one idle period of decay takes (RULES.md, Decay): floor(current x points_decay_percent / 100).</summary>
    public static long DecayLoss(long currentPoints, GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Math.Max(0, currentPoints) * config.PointsDecayPercent / 100;
    }

    /// <summary>An agent is warned of decay this many days ahead (docs/rules.md, Decay warning).</summary>
    public const int DecayWarningDays = 7;

    /// <summary>
    /// The next decay an idle agent faces, as the daily job will apply it (RULES.md, Decay): the first whole idle period
    /// after their last active day that has not been applied yet, on or after today, and what it would take now. Null
    /// when decay is off, the agent was never active or has nothing to lose.
    /// </summary>
    public static DecayForecast? NextDecay(DateOnly? lastActiveDay, DateOnly? lastDecayDate, long currentPoints, DateOnly today, GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.PointsDecayPercent <= 0 || config.DecayPeriodDays <= 0 || lastActiveDay is not { } last || DecayLoss(currentPoints, config) <= 0)
        {
            return null;
        }
        var period = config.DecayPeriodDays;
        var periods = Math.Max(1, (today.DayNumber - last.DayNumber) / period);
        var due = last.AddDays(periods * period);
        while (due < today || (lastDecayDate is { } done && done >= due))
        {
            due = last.AddDays(++periods * period);
        }
        return new DecayForecast(due, today.DayNumber - last.DayNumber, due.DayNumber - last.DayNumber, config.PointsDecayPercent,
            DecayLoss(currentPoints, config), due.DayNumber - today.DayNumber <= DecayWarningDays);
    }

    /// <summary>A decimal without trailing zeros (1.50 → 1.5, 1.0 → 1), so an answer reads the same however it was stored.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary><c>streak_multiplier</c> (1.5) while the streak counting today is at least <c>streak_bonus_min_days</c> (3); else 1.</summary>
    public static decimal StreakMultiplierFor(GamificationConfig config, int streakDays)
    {
        ArgumentNullException.ThrowIfNull(config);
        return streakDays >= config.StreakBonusMinDays ? config.StreakMultiplier : 1m;
    }

    /// <summary>
    /// The streak after an activity on local day <paramref name="day"/> (RULES.md, Streaks):
    /// <list type="bullet">
    /// <item>already active that day: unchanged;</item>
    /// <item>active on the previous counting day: one longer (once per day);</item>
    /// <item>otherwise it starts again at 1.</item>
    /// </list>
    /// With <c>streak_skips_days_off</c>, the tenant's days off are not counting days: the previous counting day
    /// skips over them, and activity on a day off neither extends nor breaks the streak (the stored state is
    /// unchanged). An event for a day before the last active day (a late event, at most 48 hours old) leaves
    /// the stored streak unchanged; it is scored with the streak as it stood on its own day.
    /// </summary>
    public static StreakOutcome NextStreak(StreakState state, DateOnly day, GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var last = state.LastActiveDate;

        if (last is { } lastDay && day <= lastDay)
        {
            // Same day, or a late event for an earlier day: the run is as stored; what counted on that day is
            // the run minus the counting days since then (or 1 if the day lies before the run).
            var since = CountingDaysBetween(day, lastDay, config);
            var inRun = since < state.StreakDays ? state.StreakDays - since : 0;
            var onDay = Math.Max(inRun, IsCountingDay(day, config) ? 1 : 0);
            return new StreakOutcome(state.StreakDays, last, onDay);
        }

        var continues = last is not null && last.Value >= PreviousCountingDay(day, config);
        if (!IsCountingDay(day, config))
        {
            // A day off: the streak neither grows nor breaks; the award uses the streak as it stands.
            return new StreakOutcome(state.StreakDays, last, continues ? state.StreakDays : 0);
        }

        var streak = continues ? Math.Max(state.StreakDays, 0) + 1 : 1;
        return new StreakOutcome(streak, day, streak);
    }

    /// <summary>
    /// The streak to show on <paramref name="today"/>: the stored run while it is alive (active today or on the
    /// previous counting day), else 0. The expiry job stores the 0; this keeps reads right until it has run.
    /// </summary>
    public static int LiveStreak(int streakDays, DateOnly? lastActiveDate, DateOnly today, GamificationConfig config) =>
        lastActiveDate is { } last && last >= PreviousCountingDay(today, config) ? streakDays : 0;

    /// <summary>Whether a day counts for streaks: every day, unless the tenant skips its days off and this is one.</summary>
    public static bool IsCountingDay(DateOnly day, GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return !SkipsDaysOff(config) || !config.DaysOff.Contains(day.DayOfWeek);
    }

    /// <summary>The counting day before <paramref name="day"/>: yesterday, or the last working day before the days off.</summary>
    public static DateOnly PreviousCountingDay(DateOnly day, GamificationConfig config)
    {
        var previous = day.AddDays(-1);
        while (!IsCountingDay(previous, config))
        {
            previous = previous.AddDays(-1);
        }
        return previous;
    }

    /// <summary>Counting days after <paramref name="from"/>, up to and including <paramref name="to"/>.</summary>
    private static int CountingDaysBetween(DateOnly from, DateOnly to, GamificationConfig config)
    {
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsCountingDay(d, config))
            {
                count++;
            }
        }
        return count;
    }

    // A tenant that lists all seven weekdays as days off would have no counting day at all; treat that as "off".
    private static bool SkipsDaysOff(GamificationConfig config) =>
        config.StreakSkipsDaysOff && config.DaysOff.Distinct().Count() < 7;
}

/// <summary>
/// The next decay an agent faces: on <paramref name="Day"/> (tenant-local), after <paramref name="IdleDaysThen"/> days
/// without activity, they lose <paramref name="Percent"/> % of their current points: <paramref name="Points"/> at
/// today's balance. <paramref name="Warn"/>: it is close enough to show the agent (<see cref="PointsRules.DecayWarningDays"/>).
/// </summary>
public sealed record DecayForecast(DateOnly Day, int IdleDays, int IdleDaysThen, int Percent, long Points, bool Warn);
