namespace Gamification.Tests.Support;

/// <summary>
/// Real time at real speed, moved forward by a fixed offset. Only the time of day is shifted: timestamps, timers and
/// delays are the system's, so throttles, caches and waits behave as in production.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    public ShiftedClock(TimeSpan offset)
    {
        // Forward only: the ingestion API accepts events up to 5 minutes ahead and 48 hours behind its clock, so an app
        // whose clock is ahead of the real one still takes events stamped with the real time for "a while ago".
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, TimeSpan.Zero);
        Offset = offset;
    }

    public TimeSpan Offset { get; }

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;

    /// <summary>A clock that reads <paramref name="localHour"/>:00 in <paramref name="zone"/> at the real instant
    /// <paramref name="now"/>: today's if it is still ahead, else tomorrow's (so the offset is below a day and never negative).</summary>
    public static ShiftedClock ToNextLocalHour(TimeZoneInfo zone, int localHour, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(localHour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(localHour, 23);
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var target = local.Date.AddHours(localHour);
        if (target <= local)
        {
            target = target.AddDays(1);
        }
        if (zone.IsInvalidTime(target))
        {
            target = target.AddHours(1); // The hour skipped when the clocks go forward: the first one that exists.
        }
        return new ShiftedClock(TimeZoneInfo.ConvertTimeToUtc(target, zone) - now.UtcDateTime);
    }
}
