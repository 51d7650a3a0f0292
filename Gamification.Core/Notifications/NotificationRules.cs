namespace Gamification.Core.Notifications;

/// <summary>One person as the reminder pass reads them: who they are, their streak, their balance and their choice.</summary>
/// <param name="LastActiveDate">The last local day that counted for the streak.</param>
/// <param name="LastActivityAt">The last activity event (decay's clock starts on its local day).</param>
/// <param name="WantsStreakReminders">The person's own switch (My account); on unless they turned it off.</param>
public sealed record ReminderCandidate(
    string UserId,
    bool IsActive,
    bool WantsStreakReminders,
    int StreakDays,
    DateOnly? LastActiveDate,
    DateTimeOffset? LastActivityAt,
    DateOnly? LastDecayDate,
    long CurrentPoints);

/// <summary>A notice the pass should store (unless the person already has one of that kind for that local day).</summary>
/// <param name="Title">In English for the record (<see cref="NotificationText"/> renders it again in the reader's language from <paramref name="Data"/>).</param>
public sealed record DueNotification(string UserId, NotificationKind Kind, DateOnly LocalDate, string Title, string Text, object Data);

/// <summary>
/// Who gets a reminder at a given instant (docs/rules.md, Reminders and celebrations), as pure functions: no database,
/// no clock. <see cref="ReminderService"/> reads the candidates, asks here and stores what is due once.
/// </summary>
public static class NotificationRules
{
    public const int MaxTitleLength = 120;
    public const int MaxTextLength = 400;

    /// <summary>The streak reminder goes from this tenant-local hour (15:00) to midnight: late enough that most of a working day has passed without activity, early enough to act on it.</summary>
    public const int StreakReminderHour = 15;

    /// <summary>Streaks of this many days or more are worth a reminder (a 1-day "streak" is just yesterday).</summary>
    public const int MinStreakDays = 2;

    /// <summary>The decay notice goes this many days before the decay day (or on a later day before it, if the pass could not run then).</summary>
    public const int DecayNoticeDays = 3;

    /// <summary>The most notices the inbox lists at once.</summary>
    public const int MaxListed = 100;

    /// <summary>How many the inbox lists unless asked.</summary>
    public const int DefaultListed = 20;

    /// <summary>
    /// Whether <paramref name="now"/> is streak-reminder time in a tenant: gamification and the tenant's reminders are
    /// on, it is <see cref="StreakReminderHour"/> or later on the tenant's wall clock, and today is a working day (not
    /// one of the tenant's days off when its streaks skip them: such a day neither extends nor breaks a streak).
    /// </summary>
    public static bool IsStreakReminderTime(DateTimeOffset now, TenantClock clock, GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(config);
        return config.Enabled && config.StreakReminders && clock.LocalHour(now) >= StreakReminderHour
            && PointsRules.IsCountingDay(clock.LocalDay(now), config);
    }

    /// <summary>
    /// The streak reminder <paramref name="person"/> is due at <paramref name="now"/>, or null: at reminder time
    /// (<see cref="IsStreakReminderTime"/>), an active person who did not turn reminders off, whose live streak is at least
    /// <see cref="MinStreakDays"/> days and who has no activity yet today (their streak ends at midnight).
    /// </summary>
    public static DueNotification? StreakReminder(ReminderCandidate person, DateTimeOffset now, TenantClock clock, GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!IsStreakReminderTime(now, clock, config) || !person.IsActive || !person.WantsStreakReminders)
        {
            return null;
        }
        var today = clock.LocalDay(now);
        if (person.LastActiveDate is not { } last || last >= today)
        {
            return null;
        }
        var streak = PointsRules.LiveStreak(person.StreakDays, last, today, config);
        if (streak < MinStreakDays)
        {
            return null;
        }
        var (title, text) = NotificationText.StreakReminder(streak, CultureInfo.InvariantCulture);
        return new DueNotification(person.UserId, NotificationKind.StreakReminder, today, title, text, new { streak_days = streak });
    }

    /// <summary>
    /// The decay notice <paramref name="person"/> is due at <paramref name="now"/>, or null: while gamification is on, an
    /// active person whose next decay (<see cref="PointsRules.NextDecay"/>, as the daily job will apply it) comes in 1 to
    /// <see cref="DecayNoticeDays"/> days. Keyed by the decay day, so each decay is announced once.
    /// </summary>
    public static DueNotification? DecayWarning(ReminderCandidate person, DateTimeOffset now, TenantClock clock, GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Enabled || !person.IsActive)
        {
            return null;
        }
        var today = clock.LocalDay(now);
        var lastActiveDay = person.LastActivityAt is { } at ? clock.LocalDay(at) : (DateOnly?)null;
        if (PointsRules.NextDecay(lastActiveDay, person.LastDecayDate, person.CurrentPoints, today, config) is not { } decay)
        {
            return null;
        }
        var daysAhead = decay.Day.DayNumber - today.DayNumber;
        if (daysAhead is < 1 or > DecayNoticeDays)
        {
            return null;
        }
        var (title, text) = NotificationText.DecayWarning(decay.Day, decay.Percent, decay.Points, CultureInfo.InvariantCulture);
        return new DueNotification(person.UserId, NotificationKind.DecayWarning, decay.Day, title, text,
            new { day = decay.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), percent = decay.Percent, points = decay.Points });
    }

    /// <summary>Every notice due at <paramref name="now"/> for these people: their streak reminders and decay notices.</summary>
    public static IReadOnlyList<DueNotification> Due(IEnumerable<ReminderCandidate> people, DateTimeOffset now, TenantClock clock, GamificationConfig config)
    {
        ArgumentNullException.ThrowIfNull(people);
        var due = new List<DueNotification>();
        foreach (var person in people)
        {
            if (StreakReminder(person, now, clock, config) is { } reminder)
            {
                due.Add(reminder);
            }
            if (DecayWarning(person, now, clock, config) is { } warning)
            {
                due.Add(warning);
            }
        }
        return due;
    }
}
