namespace Gamification.Core.Badges;

/// <summary>What a user's counters say about a badge's requirement (the engine keeps them in the same transaction as every award).</summary>
/// <param name="CallsToday">Calls on the tenant's current local day (the counter day).</param>
public sealed record BadgeCounters(
    int TotalCalls,
    int Conversions,
    int PerfectCalls,
    int QualityReviews,
    int FeedbackCount,
    long LifetimePoints,
    int StreakDays,
    int Level,
    int ChallengesCompleted,
    int CallsToday)
{
    public static BadgeCounters From(UserPoints points, int level, int? liveStreak = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        return new(points.TotalCalls, points.Conversions, points.PerfectCalls, points.QualityReviews, points.FeedbackCount,
            points.LifetimePoints, liveStreak ?? points.StreakDays, level, points.ChallengesCompleted, points.CallsToday);
    }
}

/// <summary>The badge rules (RULES.md, Badges): which requirements a change can move, when one is met, and how far a user is.</summary>
public static class BadgeRules
{
    public const int MaxRequirementValue = 1_000_000;
    public const int MaxPointsReward = 100_000;

    /// <summary>The ledger source of a badge's reward: paid once per user.</summary>
    public static string RewardSource(long badgeId) => FormattableString.Invariant($"badge-{badgeId}");

    /// <summary>Requirements an admin awards by hand or a weekly job decides: never checked on an event.</summary>
    public static bool IsEventDriven(BadgeRequirement requirement) =>
        requirement is not (BadgeRequirement.Manual or BadgeRequirement.WeeklyRank);

    /// <summary>Whether the requirement is a counter the user climbs (progress bar), rather than a single deed.</summary>
    public static bool IsCounter(BadgeRequirement requirement) =>
        requirement is not (BadgeRequirement.CallsBeforeHour or BadgeRequirement.CallsAfterHour
            or BadgeRequirement.WeeklyRank or BadgeRequirement.Manual);

    /// <summary>Requirements an activity event of this kind can move (every event can move streaks, lifetime points and levels).</summary>
    public static bool MovedByActivity(BadgeRequirement requirement, ActivityType type, int? rating) => requirement switch
    {
        BadgeRequirement.TotalCalls or BadgeRequirement.CallsInDay or BadgeRequirement.CallsBeforeHour or BadgeRequirement.CallsAfterHour
            => type == ActivityType.CallCompleted,
        BadgeRequirement.PerfectCalls => PointsRules.IsPerfectCall(type, rating),
        BadgeRequirement.Conversions => type == ActivityType.LeadConverted,
        BadgeRequirement.QualityReviews => type == ActivityType.QualityReview,
        BadgeRequirement.FeedbackCount => type == ActivityType.CustomerFeedback,
        BadgeRequirement.StreakDays or BadgeRequirement.LifetimePoints or BadgeRequirement.Level => true,
        _ => false,
    };

    /// <summary>Requirements a points award (reward, level-up, admin award) can move.</summary>
    public static bool MovedByAward(BadgeRequirement requirement) =>
        requirement is BadgeRequirement.LifetimePoints or BadgeRequirement.Level;

    /// <summary>The user's counter for a counting requirement (0 for single deeds).</summary>
    public static long CounterOf(BadgeRequirement requirement, BadgeCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return requirement switch
        {
            BadgeRequirement.TotalCalls => counters.TotalCalls,
            BadgeRequirement.Conversions => counters.Conversions,
            BadgeRequirement.PerfectCalls => counters.PerfectCalls,
            BadgeRequirement.QualityReviews => counters.QualityReviews,
            BadgeRequirement.FeedbackCount => counters.FeedbackCount,
            BadgeRequirement.LifetimePoints => counters.LifetimePoints,
            BadgeRequirement.StreakDays => counters.StreakDays,
            BadgeRequirement.Level => counters.Level,
            BadgeRequirement.ChallengesCompleted => counters.ChallengesCompleted,
            BadgeRequirement.CallsInDay => counters.CallsToday,
            _ => 0,
        };
    }

    /// <summary>
    /// Whether the badge is earned now. Counting requirements compare the counter with the value; early bird and
    /// night owl look at the call just made (<paramref name="callLocalHour"/>: its tenant-local hour, null when no call).
    /// </summary>
    public static bool IsMet(BadgeRequirement requirement, int value, BadgeCounters counters, int? callLocalHour) => requirement switch
    {
        BadgeRequirement.CallsBeforeHour => callLocalHour is { } h && h < value,
        BadgeRequirement.CallsAfterHour => callLocalHour is { } h && h >= value,
        BadgeRequirement.WeeklyRank or BadgeRequirement.Manual => false,
        _ => CounterOf(requirement, counters) >= value,
    };

    /// <summary>What the requirement asks, in a sentence ("Complete 100 calls"), in the reader's language (the current UI culture).</summary>
    public static string Describe(BadgeRequirement requirement, int value) => Describe(requirement, value, CultureInfo.CurrentUICulture);

    /// <summary>What the requirement asks, in a sentence, in <paramref name="culture"/>'s language (English for the invariant culture).</summary>
    public static string Describe(BadgeRequirement requirement, int value, CultureInfo culture)
    {
        var format = Languages.TextCulture(culture);
        string Text(string name) => CoreText.Get("Badge.Requirement." + name, format);
        return requirement switch
        {
            BadgeRequirement.TotalCalls or BadgeRequirement.Conversions or BadgeRequirement.PerfectCalls or BadgeRequirement.QualityReviews
                or BadgeRequirement.FeedbackCount or BadgeRequirement.LifetimePoints or BadgeRequirement.StreakDays or BadgeRequirement.Level
                or BadgeRequirement.ChallengesCompleted or BadgeRequirement.CallsInDay =>
                string.Format(format, Text(value == 1 ? requirement + ".One" : requirement.ToString()), value.ToString("N0", format)),
            BadgeRequirement.CallsBeforeHour or BadgeRequirement.CallsAfterHour => string.Format(format, Text(requirement.ToString()), value),
            BadgeRequirement.WeeklyRank => value == 1 ? Text("WeeklyRank.One") : string.Format(format, Text("WeeklyRank"), value),
            BadgeRequirement.Manual => Text("Manual"),
            _ => requirement.ToString(),
        };
    }

    /// <summary>What is still needed, in a sentence ("12 more calls"), from the user's counter.</summary>
    public static string Needed(BadgeRequirement requirement, int value, long counter)
    {
        var left = Math.Max(0, value - counter);
        return requirement switch
        {
            BadgeRequirement.TotalCalls => Count(left, "1 more call", "{0} more calls"),
            BadgeRequirement.Conversions => Count(left, "1 more conversion", "{0} more conversions"),
            BadgeRequirement.PerfectCalls => Count(left, "1 more 5-star call", "{0} more 5-star calls"),
            BadgeRequirement.QualityReviews => Count(left, "1 more quality review", "{0} more quality reviews"),
            BadgeRequirement.FeedbackCount => Count(left, "1 more customer feedback", "{0} more customer feedbacks"),
            BadgeRequirement.LifetimePoints => Count(left, "1 more lifetime point", "{0} more lifetime points"),
            BadgeRequirement.StreakDays => Count(left, "1 more day in a row", "{0} more days in a row"),
            BadgeRequirement.Level => Count(left, "1 more level", "{0} more levels"),
            BadgeRequirement.ChallengesCompleted => Count(left, "1 more challenge", "{0} more challenges"),
            BadgeRequirement.CallsInDay => Count(left, "1 more call today", "{0} more calls today")
                + string.Create(CultureInfo.InvariantCulture, $" ({value} in one day)"),
            _ => Describe(requirement, value),
        };
    }

    private static string Count(long n, string one, string many) =>
        string.Format(CultureInfo.InvariantCulture, n == 1 ? one : many, n.ToString("N0", CultureInfo.InvariantCulture));
}
