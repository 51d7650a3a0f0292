namespace Gamification.Core.Challenges;

/// <summary>A challenge's window: tenant-local days, both inclusive.</summary>
public readonly record struct ChallengeWindow(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;
}

/// <summary>The challenge rules (RULES.md, Challenges): windows in the tenant's calendar, what an event adds, when it is complete.</summary>
public static class ChallengeRules
{
    public const int MaxTarget = 10_000_000;
    public const int MaxPointsReward = 100_000;
    public const int MaxRatedCalls = 10_000;

    /// <summary>
    /// The window of <paramref name="challenge"/> that <paramref name="day"/> falls in, or null when the challenge
    /// does not run that day (before its first day, after its end, or not active). Daily: the day; weekly: Monday to
    /// Sunday; monthly: the calendar month; seasonal: the calendar quarter; special: its explicit dates.
    /// </summary>
    public static ChallengeWindow? WindowFor(Challenge challenge, DateOnly day, TenantClock clock)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(clock);
        var (first, last) = RunningDays(challenge, clock);
        if ((first is { } f && day < f) || (last is { } l && day > l))
        {
            return null;
        }
        return challenge.ChallengeType switch
        {
            ChallengeType.Daily => new ChallengeWindow(day, day),
            ChallengeType.Weekly => new ChallengeWindow(TenantClock.WeekStart(day), TenantClock.WeekStart(day).AddDays(6)),
            ChallengeType.Monthly => new ChallengeWindow(TenantClock.MonthStart(day), TenantClock.MonthStart(day).AddMonths(1).AddDays(-1)),
            ChallengeType.Seasonal => new ChallengeWindow(TenantClock.QuarterStart(day), TenantClock.QuarterStart(day).AddMonths(3).AddDays(-1)),
            _ => first is { } s && last is { } e ? new ChallengeWindow(s, e) : null,
        };
    }

    /// <summary>
    /// The window of <paramref name="challenge"/> that <paramref name="day"/> falls in, as <see cref="WindowFor"/>,
    /// when the tenant's cadence switches let it open (<see cref="Opens"/>); null otherwise.
    /// </summary>
    public static ChallengeWindow? OpenWindowFor(Challenge challenge, DateOnly day, TenantRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return WindowFor(challenge, day, rules.Clock) is { } window && Opens(challenge.ChallengeType, window, rules.Config) ? window : null;
    }

    /// <summary>
    /// Whether the tenant's switches let a window of this type open: daily, weekly and monthly challenges follow
    /// their switch (a window that started before the switch went off runs to its end); seasonal and special
    /// challenges have no switch.
    /// </summary>
    public static bool Opens(ChallengeType type, ChallengeWindow window, GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (on, offFrom) = type switch
        {
            ChallengeType.Daily => (config.DailyChallenges, config.DailyChallengesOffFrom),
            ChallengeType.Weekly => (config.WeeklyChallenges, config.WeeklyChallengesOffFrom),
            ChallengeType.Monthly => (config.MonthlyChallenges, config.MonthlyChallengesOffFrom),
            _ => (true, null),
        };
        return on || (offFrom is { } from && window.Start < from);
    }

    /// <summary>The first and last local day the challenge counts events (null: open).</summary>
    public static (DateOnly? First, DateOnly? Last) RunningDays(Challenge challenge, TenantClock clock)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(clock);
        DateOnly? first = challenge.StartDate is { } start ? clock.LocalDay(start) : null;
        // EndDate is exclusive: the first instant the challenge no longer counts.
        DateOnly? last = challenge.EndDate is { } end ? clock.LocalDay(end.AddTicks(-1)) : null;
        return (first, last);
    }

    /// <summary>Whether an event at <paramref name="occurredAt"/> counts: inside the challenge's running time.</summary>
    public static bool Counts(Challenge challenge, DateTimeOffset occurredAt)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return challenge.IsActive
            && (challenge.StartDate is not { } start || occurredAt >= start)
            && (challenge.EndDate is not { } end || occurredAt < end);
    }

    /// <summary>What one activity event adds to an objective (points_earned: the activity points it was awarded, after the cap).</summary>
    public static int Contribution(ObjectiveType objective, ActivityType type, int? rating, long pointsAwarded) => objective switch
    {
        ObjectiveType.TotalCalls => type == ActivityType.CallCompleted ? 1 : 0,
        ObjectiveType.Conversions => type == ActivityType.LeadConverted ? 1 : 0,
        ObjectiveType.PerfectCalls => PointsRules.IsPerfectCall(type, rating) ? 1 : 0,
        ObjectiveType.QualityReviews => type == ActivityType.QualityReview ? 1 : 0,
        ObjectiveType.PointsEarned => (int)Math.Clamp(pointsAwarded, 0, int.MaxValue),
        ObjectiveType.AvgRating => type == ActivityType.CallCompleted && rating is not null ? 1 : 0,
        _ => 0,
    };

    /// <summary>
    /// Whether progress completes the challenge. avg_rating: at least <see cref="Challenge.MinRatedCalls"/> rated
    /// calls whose average is at least the target (a whole-number target of 4 means 4.0 or more).
    /// </summary>
    public static bool IsComplete(Challenge challenge, long progress, long ratingSum, long ratingCount)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return challenge.ObjectiveType == ObjectiveType.AvgRating
            ? ratingCount >= Math.Max(1, challenge.MinRatedCalls) && ratingSum >= (long)challenge.ObjectiveTarget * ratingCount
            : progress >= challenge.ObjectiveTarget;
    }

    /// <summary>The guide's completion-rate targets to balance difficulty: easy 50%, medium 25%, hard 5%.</summary>
    public static decimal TargetRate(ChallengeDifficulty difficulty) => difficulty switch
    {
        ChallengeDifficulty.Easy => 0.50m,
        ChallengeDifficulty.Medium => 0.25m,
        _ => 0.05m,
    };

    /// <summary>The ledger source of a challenge window's reward: paid once per user and window.</summary>
    public static string RewardSource(long challengeId, DateOnly windowStart) =>
        FormattableString.Invariant($"challenge-{challengeId}-{windowStart:yyyy-MM-dd}");
}
