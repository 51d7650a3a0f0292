namespace Gamification.Core.Notifications;

/// <summary>
/// A notice's title and text from its kind and figures (its Data: <c>{"streak_days": 6}</c>,
/// <c>{"day": "2026-12-12", "percent": 5, "points": 84}</c>), in a reader's language: the one source of their wording.
/// <see cref="NotificationRules"/> stores them in <see cref="CultureInfo.InvariantCulture"/> (English) for the record;
/// <see cref="NotificationView.From"/> renders them again in the reader's culture.
/// </summary>
public static class NotificationText
{
    /// <summary>The streak reminder for a live streak of <paramref name="streakDays"/> days: (title, text).</summary>
    public static (string Title, string Text) StreakReminder(int streakDays, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return (Format("Notification.StreakReminder.Title", culture, streakDays),
            Format("Notification.StreakReminder.Text", culture, streakDays));
    }

    /// <summary>The decay notice for <paramref name="points"/> (<paramref name="percent"/> %) lost on <paramref name="day"/>: (title, text).</summary>
    public static (string Title, string Text) DecayWarning(DateOnly day, int percent, long points, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var shown = day.ToString("ddd d MMM", culture);
        var text = points == 1 ? "Notification.DecayWarning.TextOne" : "Notification.DecayWarning.Text";
        return (Format("Notification.DecayWarning.Title", culture, shown),
            Format(text, culture, shown, percent, points.ToString("N0", culture)));
    }

    /// <summary>
    /// The title and text of a notice of <paramref name="kind"/> with these figures in <paramref name="culture"/>; null when
    /// the figures are missing or do not say what the text needs (a notice stored without them keeps its stored text).
    /// </summary>
    public static (string Title, string Text)? Render(NotificationKind kind, JsonElement? data, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (data is not { ValueKind: JsonValueKind.Object } figures)
        {
            return null;
        }
        switch (kind)
        {
            case NotificationKind.StreakReminder
                when figures.TryGetProperty("streak_days", out var days) && days.ValueKind == JsonValueKind.Number && days.TryGetInt32(out var streak):
                return StreakReminder(streak, culture);
            case NotificationKind.DecayWarning
                when figures.TryGetProperty("day", out var dayText) && dayText.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(dayText.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    && figures.TryGetProperty("percent", out var percentValue) && percentValue.ValueKind == JsonValueKind.Number
                    && percentValue.TryGetInt32(out var percent)
                    && figures.TryGetProperty("points", out var pointsValue) && pointsValue.ValueKind == JsonValueKind.Number
                    && pointsValue.TryGetInt64(out var points):
                return DecayWarning(day, percent, points, culture);
            default:
                return null;
        }
    }

    private static string Format(string name, CultureInfo culture, params object?[] args) =>
        string.Format(culture, CoreText.Get(name, culture), args);
}
