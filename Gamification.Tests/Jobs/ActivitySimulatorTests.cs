using Gamification.Web.Demo;

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

using Quartz;

namespace Gamification.Tests.Jobs;

public sealed class ActivitySimulatorTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    [Fact]
    public async Task One_tick_gives_acme_agents_events_and_points_and_leaves_globex_quiet()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var globex = await app.TenantIdAsync(DemoSeeder.GlobexName);
        var simulator = ActivatorUtilities.CreateInstance<ActivitySimulator>(app.Services);

        var recorded = await simulator.TickAsync(CancellationToken.None);

        var (acmeEvents, acmePoints, globexEvents, globexPoints) = await app.WithDbAsync(async db => (
            await db.ActivityEvents.IgnoreQueryFilters().Where(e => e.TenantId == acme).ToListAsync(),
            await db.UserPoints.IgnoreQueryFilters().Where(p => p.TenantId == acme && p.CurrentPoints > 0).CountAsync(),
            await db.ActivityEvents.IgnoreQueryFilters().CountAsync(e => e.TenantId == globex),
            await db.UserPoints.IgnoreQueryFilters().Where(p => p.TenantId == globex).SumAsync(p => p.CurrentPoints)));
        Assert.True(recorded > 0);
        Assert.Equal(recorded, acmeEvents.Count);
        Assert.All(acmeEvents, e => Assert.StartsWith("sim-", e.EventId, StringComparison.Ordinal));
        Assert.Contains(acmeEvents, e => e.Type == ActivityType.CallCompleted && e.Rating is >= 1 and <= 5);
        Assert.True(acmePoints > 0);
        Assert.Equal((0, 0L), (globexEvents, globexPoints));
        await using var scope = app.Services.CreateAsyncScope();
        var engine = new PointsEngine(scope.ServiceProvider.GetRequiredService<IDbContextFactory<GamificationDbContext>>(),
            app.Clock, NullLogger<PointsEngine>.Instance, AchievementEvaluators.All);
        Assert.True((await engine.CheckLedgerAsync(acme, CancellationToken.None)).IsClean);
    }

    [Fact]
    public void Simulator_and_scheduler_stay_off_when_the_settings_say_so()
    {
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is ActivitySimulator);
        Assert.Null(app.Services.GetService<ISchedulerFactory>());
    }
}
