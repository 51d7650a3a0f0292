using Gamification.Core.Jobs;
using Gamification.Web.Demo;

using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;

using Quartz;

namespace Gamification.Tests.Jobs;

/// <summary>The app with its background work on: the scheduled jobs and the demo simulator (ticking every second).</summary>
public sealed class BackgroundWorkAppFactory : GamificationAppFactory
{
    protected override bool RunJobs => true;

    protected override bool SimulateActivity => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Demo:SimulateIntervalSeconds", "1");
    }
}

public sealed class JobSchedulingTests(BackgroundWorkAppFactory app) : IClassFixture<BackgroundWorkAppFactory>
{
    [Fact]
    public async Task The_scheduler_runs_every_daily_job_for_every_tenant_once_it_has_started()
    {
        Assert.NotNull(app.Services.GetService<ISchedulerFactory>());
        var tenants = await app.WithDbAsync(db => db.Tenants.CountAsync());

        List<JobRun> runs = [];
        var jobs = DailyJobNames.All.Count;
        for (var i = 0; i < 150 && runs.Count < jobs * tenants; i++)
        {
            await Task.Delay(100);
            runs = await app.WithDbAsync(db => db.JobRuns.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        }

        Assert.Equal(2, tenants);
        Assert.Equal(4, jobs);
        Assert.Equal(jobs * tenants, runs.Count);
        Assert.All(runs, r => Assert.True(r.LastSucceeded, r.LastResult));
        Assert.Equal(tenants, runs.Count(r => r.JobName == DailyJobNames.Decay));
        Assert.Equal(tenants, runs.Count(r => r.JobName == DailyJobNames.StreakExpiry));
        Assert.Equal(tenants, runs.Count(r => r.JobName == DailyJobNames.WeeklyRankBadges));
        Assert.Equal(tenants, runs.Count(r => r.JobName == DailyJobNames.ChallengeRanks));
    }

    [Fact]
    public async Task The_running_simulator_keeps_sending_acme_events_and_none_for_globex()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var globex = await app.TenantIdAsync(DemoSeeder.GlobexName);
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is ActivitySimulator);

        var events = 0;
        for (var i = 0; i < 100 && events < 2; i++)
        {
            await Task.Delay(100);
            events = await app.WithDbAsync(db => db.ActivityEvents.IgnoreQueryFilters().CountAsync(e => e.TenantId == acme));
        }

        Assert.True(events >= 2, $"The simulator sent {events} events in 10 s.");
        Assert.Equal(0, await app.WithDbAsync(db => db.ActivityEvents.IgnoreQueryFilters().CountAsync(e => e.TenantId == globex)));
    }
}
