namespace Gamification.Core.Notifications;

/// <summary>A notice as its person reads it (newest first in the inbox).</summary>
/// <param name="LocalDate">The tenant-local day it is about: the day a streak ends at midnight, the day decay comes.</param>
/// <param name="Data">What it is about, for code: <c>{"streak_days": 6}</c>; <c>{"day": "2026-12-12", "percent": 5, "points": 84}</c>.</param>
public sealed record NotificationView(
    long Id,
    NotificationKind Kind,
    string Title,
    string Text,
    DateOnly LocalDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt,
    JsonElement? Data)
{
    /// <summary>Whether the person marked it read.</summary>
    public bool Read => ReadAt is not null;

    /// <summary>
    /// The notice in the reader's language (<see cref="CultureInfo.CurrentUICulture"/>): its title and text rendered from its
    /// kind and figures (<see cref="NotificationText"/>). An English reader reads the stored text (written in English for
    /// the record), and so does anyone when the figures are missing or unreadable.
    /// </summary>
    public static NotificationView From(UserNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return new NotificationView(notification.Id, notification.Kind, notification.Title, notification.Text, notification.LocalDate,
            notification.CreatedAt, notification.ReadAt, Figures(notification.DataJson)).In(CultureInfo.CurrentUICulture);
    }

    /// <summary>
    /// This notice as a reader of <paramref name="culture"/> reads it: rendered from its kind and figures, or as stored
    /// (English) for an English reader or when the figures are missing. A notice pushed live was built where it was sent
    /// (the reminder job); the reader's page renders it again with this.
    /// </summary>
    public NotificationView In(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Languages.Normalize(culture.Name) is null or Languages.English
            || NotificationText.Render(Kind, Data, culture) is not { } rendered
            ? this
            : this with { Title = rendered.Title, Text = rendered.Text };
    }

    private static JsonElement? Figures(string? json)
    {
        if (json is not { Length: > 0 })
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A person's inbox: the latest notices, newest first, and how many of all their notices are unread.</summary>
public sealed record NotificationInbox(IReadOnlyList<NotificationView> Items, int UnreadCount);

/// <summary>What one reminder pass sent in a tenant (on its local day).</summary>
public sealed record ReminderRun(Guid TenantId, DateOnly LocalDay, int StreakReminders, int DecayWarnings);

/// <summary>
/// Receives notices once they are stored (the web app pushes them to the person's open pages, as
/// <see cref="IPointsNotifier"/> does for points).
/// </summary>
public interface INotificationPublisher
{
    void Publish(Guid tenantId, string userId, NotificationView notification);
}

/// <summary>Publishes nowhere: for tools and tests.</summary>
public sealed class NullNotificationPublisher : INotificationPublisher
{
    public static readonly NullNotificationPublisher Instance = new();

    public void Publish(Guid tenantId, string userId, NotificationView notification)
    {
    }
}
