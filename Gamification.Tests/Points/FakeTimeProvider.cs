namespace Gamification.Tests.Points;

/// <summary>A clock the test moves by hand. Only the time is faked; timers still run in real time.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref utcTicks, by.Ticks);

    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref utcTicks, now.UtcTicks);
}
