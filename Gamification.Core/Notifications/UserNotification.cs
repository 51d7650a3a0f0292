namespace Gamification.Core.Notifications;

/// <summary>
/// A notice in a person's in-app inbox (table user_notification): the afternoon streak reminder, the decay notice a few
/// days ahead (docs/rules.md, Reminders and celebrations). At most one of a kind per person and local day: the unique
/// index on (tenant, user, kind, <see cref="LocalDate"/>) makes a second instance or a rerun of the pass unable to send
/// it twice.
/// </summary>
public class UserNotification : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }

    /// <summary>"Keep your 6-day streak".</summary>
    public string Title { get; set; } = "";

    /// <summary>"Your 6-day streak ends at midnight: one call today keeps it going."</summary>
    public string Text { get; set; } = "";

    /// <summary>What the notice is about, for code (snake_case JSON: <c>{"streak_days": 6}</c>, <c>{"day": ..., "points": 84}</c>).</summary>
    public string? DataJson { get; set; }

    /// <summary>
    /// The tenant-local day the notice is about, which keys "once": for a streak reminder the day whose midnight ends
    /// the streak (the day it is sent), for a decay notice the day the decay comes.
    /// </summary>
    public DateOnly LocalDate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the person marked it read; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>What a notice is about.</summary>
public enum NotificationKind
{
    /// <summary>A streak of 2+ days ends at midnight unless the person is active today.</summary>
    StreakReminder,

    /// <summary>Spendable points decay in a few days unless the person is active before.</summary>
    DecayWarning,
}
