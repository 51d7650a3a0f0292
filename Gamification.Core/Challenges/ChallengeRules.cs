namespace Gamification.Core.Challenges;

/// <summary>A challenge's window: tenant-local days, both inclusive.</summary>
public readonly record struct ChallengeWindow(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => day >= Start && day <= End;
}

/// <summary>A leaderboard_rank window: the challenge's window (its rows and reward source) and the local days whose points rank.</summary>
public readonly record struct RankWindow(ChallengeWindow Window, ChallengeWindow Days);

/// <summary>The challenge rules (RULES.md, Challenges): windows in the tenant's calendar, what an event adds, when it is complete.</summary>
public static class ChallengeRules
{
    public const int MaxTarget = 10_000_000;
    public const int MaxPointsReward = 100_000;
    public const int MaxRatedCalls = 10_000;

    /// <summary>The deepest rank a leaderboard_rank challenge can ask for (top 1,000).</summary>
    public const int MaxRankTarget = 1_000;

    /// <summary>The least rating of a satisfied customer (satisfaction_rate): 4 or 5 of 5.</summary>
    public const int SatisfiedRating = 4;

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

    /// <summary>
    /// What one activity event adds to an objective's progress (points_earned: the activity points it was awarded, after
    /// the cap; satisfaction_rate: 1 for a call rated 4 or 5; leaderboard_rank: nothing, ranks are paid by the rank job).
    /// </summary>
    public static int Contribution(ObjectiveType objective, ActivityType type, int? rating, long pointsAwarded) => objective switch
    {
        ObjectiveType.TotalCalls => type == ActivityType.CallCompleted ? 1 : 0,
        ObjectiveType.Conversions => type == ActivityType.LeadConverted ? 1 : 0,
        ObjectiveType.PerfectCalls => PointsRules.IsPerfectCall(type, rating) ? 1 : 0,
        ObjectiveType.QualityReviews => type == ActivityType.QualityReview ? 1 : 0,
        ObjectiveType.PointsEarned => (int)Math.Clamp(pointsAwarded, 0, int.MaxValue),
        ObjectiveType.AvgRating => IsRatedCall(type, rating) ? 1 : 0,
        ObjectiveType.SatisfactionRate => IsRatedCall(type, rating) && rating >= SatisfiedRating ? 1 : 0,
        _ => 0,
    };

    /// <summary>Whether the objective reads customer ratings: every rated call counts toward its rated calls (avg_rating, satisfaction_rate).</summary>
    public static bool UsesRatings(ObjectiveType objective) => objective is ObjectiveType.AvgRating or ObjectiveType.SatisfactionRate;

    /// <summary>A completed call with a customer rating.</summary>
    public static bool IsRatedCall(ActivityType type, int? rating) => type == ActivityType.CallCompleted && rating is not null;

    /// <summary>Whether an event moves a challenge: it adds to the objective, or it is a rated call the objective reads (a call rated 2 lowers a satisfaction rate).</summary>
    public static bool Moves(ObjectiveType objective, ActivityType type, int? rating, long pointsAwarded) =>
        Contribution(objective, type, rating, pointsAwarded) != 0 || (UsesRatings(objective) && IsRatedCall(type, rating));

    /// <summary>
    /// Whether progress completes the challenge. avg_rating: at least <see cref="Challenge.MinRatedCalls"/> rated
    /// calls whose average is at least the target (a whole-number target of 4 means 4.0 or more). satisfaction_rate:
    /// at least that many rated calls of which at least target percent were rated 4 or 5 (<paramref name="progress"/>
    /// counts those; compared in whole numbers, 9 of 10 meets 90). leaderboard_rank: never by progress.
    /// </summary>
    public static bool IsComplete(Challenge challenge, long progress, long ratingSum, long ratingCount)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var enoughRated = ratingCount >= Math.Max(1, challenge.MinRatedCalls);
        return challenge.ObjectiveType switch
        {
            ObjectiveType.AvgRating => enoughRated && ratingSum >= (long)challenge.ObjectiveTarget * ratingCount,
            ObjectiveType.SatisfactionRate => enoughRated && progress * 100 >= (long)challenge.ObjectiveTarget * ratingCount,
            ObjectiveType.LeaderboardRank => false,
            _ => progress >= challenge.ObjectiveTarget,
        };
    }

    /// <summary>A satisfaction rate in percent, rounded down to 2 decimals (so it never shows a target met that is not): 2 of 3 is 66.66.</summary>
    public static decimal SatisfactionPercent(int satisfied, int rated) =>
        rated <= 0 ? 0 : Math.Floor(satisfied * 10_000m / rated) / 100;

    /// <summary>
    /// The local days whose points rank a leaderboard_rank window: the window cut to the days the challenge runs (a weekly
    /// challenge that starts on a Wednesday ranks Wednesday to Sunday in its first week, counting all of Wednesday).
    /// </summary>
    public static ChallengeWindow RankedDays(Challenge challenge, ChallengeWindow window, TenantClock clock)
    {
        var (first, last) = RunningDays(challenge, clock);
        return new ChallengeWindow(
            first is { } f && f > window.Start ? f : window.Start,
            last is { } l && l < window.End ? l : window.End);
    }

    /// <summary>
    /// When the ranks of a window are final: events up to <see cref="PointsEngine.MaxEventAge"/> old are accepted and
    /// count on their own day, so the window's points can move until that long after its last local day ends.
    /// </summary>
    public static DateTimeOffset RanksFinalAt(ChallengeWindow rankedDays, TenantClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.DayEndUtc(rankedDays.End) + PointsEngine.MaxEventAge;
    }

    /// <summary>
    /// The windows of a leaderboard_rank challenge to pay by <paramref name="now"/>: those whose ranks are final
    /// (<see cref="RanksFinalAt"/>), that opened (cadence switches) and that the challenge ran to their end (a window cut
    /// short by ending the challenge pays nothing), with a day in the last <paramref name="lookbackDays"/> local days;
    /// oldest first.
    /// </summary>
    public static IReadOnlyList<RankWindow> FinalRankWindows(Challenge challenge, TenantRules rules, DateTimeOffset now, int lookbackDays)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(rules);
        var clock = rules.Clock;
        var today = clock.LocalDay(now);
        var found = new List<RankWindow>();
        for (var day = today.AddDays(-lookbackDays); day <= today; day = day.AddDays(1))
        {
            if (OpenWindowFor(challenge, day, rules) is not { } window || found.Exists(w => w.Window == window))
            {
                continue;
            }
            var days = RankedDays(challenge, window, clock);
            var cutShort = challenge.EndDate is { } end && end < clock.DayEndUtc(days.End);
            if (!cutShort && now >= RanksFinalAt(days, clock))
            {
                found.Add(new RankWindow(window, days));
            }
        }
        return found;
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
