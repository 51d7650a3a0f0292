using Gamification.Core.Jobs;

using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Jobs;

public sealed class DailyJobsTests
{
    private static DailyJobs JobsOf(PointsFixture fx) => new(fx, fx.Engine, fx.Clock, NullLogger<DailyJobs>.Instance);

    private static Task<int> RunAsync(DailyJobs jobs, string job = DailyJobNames.StreakExpiry) =>
        jobs.RunDueAsync(job, CancellationToken.None);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_daily_job_runs_once_per_local_day()
    {
        using var fx = PointsFixture.InMemory();
        var jobs = JobsOf(fx);

        var first = await RunAsync(jobs);
        var again = await RunAsync(jobs);
        fx.Clock.SetUtcNow(Utc(3, 2, 23, 59));
        var lastMinute = await RunAsync(jobs);
        fx.Clock.SetUtcNow(Utc(3, 3, 0, 0));
        var nextDay = await RunAsync(jobs);
        var nextDayAgain = await RunAsync(jobs);

        Assert.Equal((1, 0, 0, 1, 0), (first, again, lastMinute, nextDay, nextDayAgain));
        var run = Assert.Single(fx.All<JobRun>());
        Assert.Equal((DailyJobNames.StreakExpiry, new DateOnly(2026, 3, 3), true), (run.JobName, run.LastLocalDate, run.LastSucceeded));
    }

    [Fact]
    public async Task Each_job_keeps_its_own_day()
    {
        using var fx = PointsFixture.InMemory();
        var jobs = JobsOf(fx);

        var streaks = await RunAsync(jobs, DailyJobNames.StreakExpiry);
        var decay = await RunAsync(jobs, DailyJobNames.Decay);
        var decayAgain = await RunAsync(jobs, DailyJobNames.Decay);

        Assert.Equal((1, 1, 0), (streaks, decay, decayAgain));
        Assert.Equal([DailyJobNames.Decay, DailyJobNames.StreakExpiry], fx.All<JobRun>().Select(r => r.JobName).Order());
    }

    [Fact]
    public async Task A_tenant_runs_at_its_own_local_midnight_not_at_utc_midnight()
    {
        using var fx = PointsFixture.InMemory();
        var newYork = AddTenant(fx, "America/New_York");
        var jobs = JobsOf(fx);

        var monday = await RunAsync(jobs);                 // 14:00 UTC, 09:00 EST: both tenants' first run
        fx.Clock.SetUtcNow(Utc(3, 3, 0, 0));               // UTC midnight: 19:00 on Monday in New York
        var utcMidnight = await RunAsync(jobs);
        var utcTenantDay = LastDay(fx, fx.TenantId);
        var newYorkDay = LastDay(fx, newYork);
        fx.Clock.SetUtcNow(Utc(3, 3, 4, 59));              // 23:59 EST
        var beforeNewYorkMidnight = await RunAsync(jobs);
        fx.Clock.SetUtcNow(Utc(3, 3, 5, 0));               // 00:00 EST on Tuesday
        var newYorkMidnight = await RunAsync(jobs);

        Assert.Equal((2, 1, 0, 1), (monday, utcMidnight, beforeNewYorkMidnight, newYorkMidnight));
        Assert.Equal((new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 2)), (utcTenantDay, newYorkDay));
        Assert.Equal(new DateOnly(2026, 3, 3), LastDay(fx, newYork));
    }

    [Theory]
    // Spring forward: Sunday 8 March 2026 has 23 hours in New York (EST midnight 05:00Z, then EDT midnights 04:00Z).
    [InlineData("2026-03-07T05:00:00Z", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", "2026-03-10T04:00:00Z", 23)]
    // Fall back: Sunday 1 November 2026 has 25 hours (EDT midnight 04:00Z, then EST midnights 05:00Z).
    [InlineData("2026-10-31T04:00:00Z", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", "2026-11-03T05:00:00Z", 25)]
    public async Task A_daylight_saving_day_runs_exactly_once_at_its_local_midnight(
        string dayBefore, string dstDay, string dayAfter, string secondDayAfter, int dstDayHours)
    {
        using var fx = PointsFixture.InMemory("America/New_York");
        var jobs = JobsOf(fx);
        var start = DateTimeOffset.Parse(dayBefore, System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(secondDayAfter, System.Globalization.CultureInfo.InvariantCulture);

        var runs = new List<DateTimeOffset>();
        for (var now = start; now <= end; now += TimeSpan.FromMinutes(15))
        {
            fx.Clock.SetUtcNow(now);
            if (await RunAsync(jobs) > 0)
            {
                runs.Add(now);
            }
        }

        var expected = new[] { dayBefore, dstDay, dayAfter, secondDayAfter }
            .Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, runs);
        Assert.Equal(TimeSpan.FromHours(dstDayHours), runs[2] - runs[1]);
        Assert.Equal(TenantClock.For("America/New_York").LocalDay(end), LastDay(fx, fx.TenantId));
    }

    [Fact]
    public async Task Status_reports_the_last_run_and_the_next_run_at_the_coming_local_midnight()
    {
        using var fx = PointsFixture.InMemory("America/New_York");
        var jobs = JobsOf(fx);
        var sundayMorning = Utc(3, 8, 12, 0);               // 08:00 EDT on the 23-hour day
        fx.Clock.SetUtcNow(sundayMorning);

        var before = await jobs.StatusAsync(fx.TenantId, CancellationToken.None);
        await RunAsync(jobs, DailyJobNames.StreakExpiry);
        fx.Clock.Advance(TimeSpan.FromMinutes(5));
        var after = await jobs.StatusAsync(fx.TenantId, CancellationToken.None);

        Assert.All(before, s => Assert.Equal(((DateTimeOffset?)null, sundayMorning), (s.LastRunAt, s.NextRunAt)));
        var streaks = after.Single(s => s.Job == DailyJobNames.StreakExpiry);
        Assert.Equal(sundayMorning, streaks.LastRunAt);
        Assert.Equal(new DateOnly(2026, 3, 8), streaks.LastLocalDate);
        Assert.True(streaks.LastSucceeded);
        Assert.Equal(Utc(3, 9, 4, 0), streaks.NextRunAt);   // midnight EDT on Monday
        var decay = after.Single(s => s.Job == DailyJobNames.Decay);
        Assert.Equal(((DateTimeOffset?)null, fx.Clock.GetUtcNow()), (decay.LastRunAt, decay.NextRunAt)); // never ran: due now
    }

    [Fact]
    public async Task Decay_job_takes_five_percent_once_from_an_agent_idle_for_thirty_days_and_leaves_lifetime_alone()
    {
        using var fx = PointsFixture.InMemory();
        var jobs = JobsOf(fx);
        fx.SeedBalance(900);
        await fx.CallAsync(); // 910 points, last active Monday 2 March
        var start = fx.Points();

        fx.Clock.SetUtcNow(PointsFixture.Start.AddDays(29));
        var day29 = await RunAsync(jobs, DailyJobNames.Decay);
        var afterDay29 = fx.Points().CurrentPoints;
        fx.Clock.SetUtcNow(PointsFixture.Start.AddDays(30));
        var day30 = await RunAsync(jobs, DailyJobNames.Decay);
        var decayed = fx.Points();
        fx.Clock.Advance(TimeSpan.FromHours(3));
        var sameDay = await RunAsync(jobs, DailyJobNames.Decay);
        await jobs.RunForTenantAsync(DailyJobNames.Decay, fx.TenantId, null, CancellationToken.None); // forced re-run
        var end = fx.Points();

        Assert.Equal((910L, 910L), (start.CurrentPoints, start.LifetimePoints));
        Assert.Equal((1, 910L), (day29, afterDay29));
        Assert.Equal((1, 0), (day30, sameDay));
        Assert.Equal((865L, 910L), (decayed.CurrentPoints, decayed.LifetimePoints)); // floor(910 x 5%) = 45
        Assert.Equal((865L, 910L), (end.CurrentPoints, end.LifetimePoints));
        var entry = Assert.Single(fx.Ledger(), t => t.Type == TransactionType.Decay);
        Assert.Equal(-45, entry.Points);
        Assert.Equal(new DateOnly(2026, 4, 1), entry.LocalDate);
        Assert.True((await fx.Engine.CheckLedgerAsync(fx.TenantId, CancellationToken.None)).IsClean);
    }

    [Fact]
    public async Task Streak_expiry_job_ends_a_dead_streak_and_leaves_a_live_one()
    {
        using var fx = PointsFixture.InMemory();
        var jobs = JobsOf(fx);
        var steady = fx.AddAgent("agent-02");

        await fx.CallAsync();                                              // Monday: both agents
        await fx.RecordAsync(ActivityType.CallCompleted, userId: steady);
        fx.Clock.SetUtcNow(Utc(3, 3, 14));                                 // Tuesday: only the steady one
        await fx.RecordAsync(ActivityType.CallCompleted, userId: steady);
        fx.Clock.SetUtcNow(Utc(3, 4, 0, 5));                               // Wednesday 00:05

        var ran = await RunAsync(jobs, DailyJobNames.StreakExpiry);

        var lapsed = fx.Points();
        var live = fx.Points(steady);
        Assert.Equal(1, ran);
        Assert.Equal((0, 1), (lapsed.StreakDays, lapsed.LongestStreak));
        Assert.Equal(2, live.StreakDays);
        Assert.Equal("1 streaks ended", fx.All<JobRun>().Single().LastResult);
    }

    private static Guid AddTenant(PointsFixture fx, string zone)
    {
        var id = Guid.NewGuid();
        using var db = fx.CreateContext();
        db.Tenants.Add(new Tenant { Id = id, Name = $"Tenant {id:N}", TimeZoneId = zone, CreatedAt = PointsFixture.Start });
        db.GamificationConfigs.Add(TenantPresets.Create(id, GamificationPreset.Moderate, PointsFixture.Start));
        db.SaveChanges();
        return id;
    }

    private static DateOnly LastDay(PointsFixture fx, Guid tenantId)
    {
        using var db = fx.CreateContext();
        return db.JobRuns.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.JobName == DailyJobNames.StreakExpiry)
            .Select(r => r.LastLocalDate)
            .Single();
    }
}
