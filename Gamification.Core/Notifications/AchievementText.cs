namespace Gamification.Core.Notifications;

/// <summary>
/// An achievement's title and detail from its kind and figures, in a reader's language: the one source of their wording.
/// Core builds them in <see cref="CultureInfo.InvariantCulture"/> (English) when it celebrates; <see cref="AchievementNotice.In"/>
/// renders them again in the reader's culture. Names (a challenge's, a badge's) are shown as written.
/// </summary>
public static class AchievementText
{
    /// <summary>A streak milestone of <paramref name="streakDays"/> days: ("7-day streak!", "Active 7 days in a row. Keep it going!").</summary>
    public static (string Title, string Detail) StreakMilestone(int streakDays, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return (Format("Achievement.StreakMilestone.Title", culture, streakDays), Format("Achievement.StreakMilestone.Detail", culture, streakDays));
    }

    /// <summary>
    /// A completed challenge named <paramref name="name"/>: "You finished "Q1 Top" at rank 2." (a rank challenge),
    /// "Your team completed "Team Rally"." or "You completed "Call Blitz".".
    /// </summary>
    public static string ChallengeCompleted(string name, int? rank, bool team, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return rank is { } place ? Format("Achievement.ChallengeCompleted.Rank", culture, name, place)
            : team ? Format("Achievement.ChallengeCompleted.Team", culture, name)
            : Format("Achievement.ChallengeCompleted", culture, name);
    }

    /// <summary>
    /// The title and detail of an achievement of <paramref name="kind"/> titled <paramref name="title"/> in
    /// <paramref name="culture"/>; null when it has no figures or its figures do not make its text (a badge's own
    /// description, a level-up): it keeps the text it was built with.
    /// </summary>
    public static (string Title, string Detail)? Render(AchievementKind kind, string title, AchievementFigures? figures, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return (kind, figures) switch
        {
            (AchievementKind.StreakMilestone, { StreakDays: { } days }) => StreakMilestone(days, culture),
            (AchievementKind.ChallengeCompleted, { } challenge) => (title, ChallengeCompleted(title, challenge.Rank, challenge.Team, culture)),
            (AchievementKind.BadgeEarned, { OwnDescription: false, Requirement: { } requirement } badge) =>
                (title, BadgeRules.Describe(requirement, badge.RequirementValue, culture)),
            _ => null,
        };
    }

    private static string Format(string name, CultureInfo culture, params object?[] args) =>
        string.Format(Languages.TextCulture(culture), CoreText.Get(name, culture), args);
}
