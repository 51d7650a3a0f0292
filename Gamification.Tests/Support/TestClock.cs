namespace Gamification.Tests.Support;

/// <summary>
/// The clock of every app under test (<see cref="GamificationAppFactory.Clock"/>) and of the tests that stamp events
/// for them: the real time moved forward so that the test run starts at the next 12:00 in New York, the demo tenant
/// Acme's zone. Whatever the hour CI runs at, "now" in the apps is then early afternoon: no call falls before 8 or at or
/// after 20 local (the starter catalog's Early Bird and night badges), and no test straddles a local midnight or the
/// start of a week. The other zones the tests use stay in daytime too (London 17:00, Berlin 18:00, UTC 17:00 or 16:00).
/// </summary>
/// <remarks>
/// One offset for the whole run, so a helper without an app at hand (<c>IngestionSteps.Event</c>) reads the same "now"
/// as every app. To reproduce an hour-of-day failure, set <see cref="LocalHourVariable"/> to another New York hour
/// (0-23); nothing needs it to be set.
/// </remarks>
public static class TestClock
{
    public const int DefaultLocalHour = 12;

    /// <summary>Diagnostics only: the New York hour the run starts at instead of <see cref="DefaultLocalHour"/>.</summary>
    public const string LocalHourVariable = "GAMIFICATION_TEST_LOCAL_HOUR";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static ShiftedClock Shared { get; } = ShiftedClock.ToNextLocalHour(Zone, LocalHour(), TimeProvider.System.GetUtcNow());

    public static DateTimeOffset Now => Shared.GetUtcNow();

    private static int LocalHour()
    {
        var value = Environment.GetEnvironmentVariable(LocalHourVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultLocalHour;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and <= 23
            ? hour
            : throw new InvalidOperationException($"{LocalHourVariable} is '{value}': give a New York hour from 0 to 23, or leave it unset.");
    }
}
