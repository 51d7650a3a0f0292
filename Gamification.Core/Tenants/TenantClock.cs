namespace Gamification.Core.Tenants;

/// <summary>
/// A tenant's calendar (RULES.md, Time): turns UTC instants into the tenant's local day and hour, and local
/// days back into UTC instants. Daylight-saving changes come from the zone, so a 23- or 25-hour local day is
/// still exactly one day. Weeks start on Monday; seasons are calendar quarters.
/// </summary>
public sealed class TenantClock
{
    public TenantClock(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The clock for an IANA zone id such as "America/New_York" (or "UTC").</summary>
    /// <exception cref="TimeZoneNotFoundException">The id is not a zone this system knows.</exception>
    public static TenantClock For(string timeZoneId) =>
        new(string.IsNullOrWhiteSpace(timeZoneId) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));

    /// <summary>The instant as the tenant's wall clock shows it (with that moment's offset).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The tenant-local day an instant falls on: the day an event at that instant counts on.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The tenant-local hour (0-23) of an instant, for rules like early bird and night owl.</summary>
    public int LocalHour(DateTimeOffset instant) => ToLocal(instant).Hour;

    /// <summary>
    /// The first instant of a local day, in UTC. Usually local midnight; where a daylight-saving jump skips
    /// midnight, the first instant that exists; where midnight repeats, the instant the day really begins.
    /// </summary>
    public DateTimeOffset DayStartUtc(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Candidate offsets: the offsets around midnight (they differ only on a transition day) and, if midnight
        // is ambiguous, both of its offsets. The day starts at the earliest candidate that falls on the day.
        var offsets = new List<TimeSpan>
        {
            Zone.GetUtcOffset(midnight.AddHours(-12)),
            Zone.GetUtcOffset(midnight.AddHours(12)),
        };
        if (Zone.IsAmbiguousTime(midnight))
        {
            offsets.AddRange(Zone.GetAmbiguousTimeOffsets(midnight));
        }

        var start = offsets
            .Select(offset => new DateTimeOffset(midnight - offset, TimeSpan.Zero))
            .Where(candidate => LocalDay(candidate) == day)
            .DefaultIfEmpty(new DateTimeOffset(midnight - Zone.GetUtcOffset(midnight), TimeSpan.Zero))
            .Min();
        return start;
    }

    /// <summary>The end of a local day in UTC, exclusive: the start of the next day (23, 24 or 25 hours later).</summary>
    public DateTimeOffset DayEndUtc(DateOnly day) => DayStartUtc(day.AddDays(1));

    /// <summary>The Monday of the week <paramref name="day"/> belongs to (weeks run Monday to Sunday).</summary>
    public static DateOnly WeekStart(DateOnly day) =>
        day.AddDays(-(((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));

    /// <summary>The first day of the month <paramref name="day"/> belongs to.</summary>
    public static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The first day of the calendar quarter (the season) <paramref name="day"/> belongs to.</summary>
    public static DateOnly QuarterStart(DateOnly day) => new(day.Year, ((day.Month - 1) / 3 * 3) + 1, 1);
}
