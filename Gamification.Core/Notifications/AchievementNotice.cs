namespace Gamification.Core.Notifications;

/// <summary>Something to celebrate in a committed change: a badge earned, a challenge completed, a level reached.</summary>
/// <param name="Title">"Century Club" / "Call Blitz" / "Level 4 (Silver)"; a streak milestone's "7-day streak!" (in English).</param>
/// <param name="Detail">A sentence for the celebration ("You completed \"Call Blitz\"."), in English unless an admin wrote it (a badge's description).</param>
/// <param name="Points">The reward paid with it.</param>
/// <param name="Icon">The badge's icon, when it is a badge.</param>
/// <param name="Rarity">The badge's rarity, when it is a badge.</param>
/// <remarks>
/// Built in the request that caused it, in English, as notices are stored (<see cref="NotificationText"/>); the figures its
/// sentences were made from travel with it (<see cref="Figures"/>), so the reader's page renders it again in their
/// language with <see cref="In"/>. Names and descriptions written by admins are shown as written.
/// </remarks>
public sealed record AchievementNotice(AchievementKind Kind, string Title, string Detail, long Points, string? Icon = null, BadgeRarity? Rarity = null)
{
    /// <summary>What the title and detail were written from; null when they were not (they are shown as they are).</summary>
    public AchievementFigures? Figures { get; init; }

    /// <summary>
    /// This notice as a reader of <paramref name="culture"/> reads it: title and detail rendered from its kind and
    /// <see cref="Figures"/> (<see cref="AchievementText"/>); as built (English) for an English reader, for a language the app
    /// does not speak, or when it has no figures.
    /// </summary>
    public AchievementNotice In(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Languages.Normalize(culture.Name) is null or Languages.English
            || AchievementText.Render(Kind, Title, Figures, culture) is not { } rendered
            ? this
            : this with { Title = rendered.Title, Detail = rendered.Detail };
    }
}

/// <summary>The figures an achievement's title and detail are written from.</summary>
/// <param name="StreakDays">A streak milestone's days.</param>
/// <param name="Rank">The rank a leaderboard-rank challenge finished at.</param>
/// <param name="Team">Whether a completed challenge was the team's.</param>
/// <param name="Requirement">A badge's requirement.</param>
/// <param name="RequirementValue">Its value (50 calls, 7 days).</param>
/// <param name="OwnDescription">Whether a badge's detail is its own description (written by an admin, shown as written) rather than its requirement's sentence.</param>
public sealed record AchievementFigures(
    int? StreakDays = null,
    int? Rank = null,
    bool Team = false,
    BadgeRequirement? Requirement = null,
    int RequirementValue = 0,
    bool OwnDescription = false);
