using System.Net;
using System.Net.Http.Json;

using Gamification.Tests.Support;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Api;

public sealed class WithoutDemoFactory : GamificationAppFactory
{
    protected override bool SeedDemo => false;
}

public sealed class WithHistoryFactory : GamificationAppFactory
{
    protected override int HistoryDays => 3;
}

public sealed class SeedingWithoutDemoTests(WithoutDemoFactory app) : IClassFixture<WithoutDemoFactory>
{
    [Fact]
    public async Task Demo_off_seeds_no_tenant_and_no_user()
    {
        var (tenants, users, roles) = await app.WithDbAsync(async db => (
            await db.Tenants.CountAsync(), await db.Users.CountAsync(), await db.Roles.CountAsync()));

        Assert.Equal(0, tenants);
        Assert.Equal(0, users);
        Assert.Equal(Roles.All.Count, roles);
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = "admin@acme.test", password = GamificationAppFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class SeedingWithHistoryTests(WithHistoryFactory app) : IClassFixture<WithHistoryFactory>
{
    [Fact]
    public async Task Demo_history_goes_through_the_engine_and_the_ledger_matches_the_balances()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var globex = await app.TenantIdAsync(DemoSeeder.GlobexName);

        var (acmeEvents, globexEvents) = await app.WithDbAsync(async db => (
            await db.ActivityEvents.IgnoreQueryFilters().CountAsync(e => e.TenantId == acme),
            await db.ActivityEvents.IgnoreQueryFilters().CountAsync(e => e.TenantId == globex)));
        await using var scope = app.Services.CreateAsyncScope();
        var engine = new PointsEngine(scope.ServiceProvider.GetRequiredService<IDbContextFactory<GamificationDbContext>>(),
            app.Clock, NullLogger<PointsEngine>.Instance, AchievementEvaluators.All);
        var check = await engine.CheckLedgerAsync(acme, CancellationToken.None);

        // Any three days in a row hold a workday.
        Assert.True(acmeEvents > 0);
        Assert.Equal(0, globexEvents);
        Assert.True(check.IsClean, string.Join("; ", check.Mismatches));
    }

    [Fact]
    public async Task Demo_people_joined_before_their_history_so_no_level_takes_negative_days()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var (firstEvent, latestJoin, reachedBeforeJoining) = await app.WithDbAsync(async db => (
            (await db.ActivityEvents.IgnoreQueryFilters().Where(e => e.TenantId == acme).Select(e => e.OccurredAt).ToListAsync()).Min(),
            (await db.Users.IgnoreQueryFilters().Where(u => u.TenantId == acme && u.ExternalId != null).Select(u => u.CreatedAt).ToListAsync()).Max(),
            (await (from l in db.UserLevels.IgnoreQueryFilters()
                    join u in db.Users.IgnoreQueryFilters() on l.UserId equals u.Id
                    where l.TenantId == acme
                    select new { l.ReachedAt, u.CreatedAt }).ToListAsync()).Count(r => r.ReachedAt < r.CreatedAt)));

        Assert.True(latestJoin < firstEvent, $"an Acme agent joined at {latestJoin}, after the history's first event at {firstEvent}");
        Assert.Equal(0, reachedBeforeJoining);
    }

    [Fact]
    public void Days_to_reach_a_level_are_never_negative()
    {
        var joined = DateTimeOffset.Parse("2026-03-10T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(0, AnalyticsService.DaysToReach(joined, joined.AddDays(-3.7)));
        Assert.Equal(2.5, AnalyticsService.DaysToReach(joined, joined.AddDays(2.5)));
    }
}
