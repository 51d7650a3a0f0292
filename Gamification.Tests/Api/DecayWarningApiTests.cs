namespace Gamification.Tests.Api;

/// <summary>/points carries the agent's next decay (docs/rules.md, Decay warning) with the day and the amount.</summary>
public sealed class DecayWarningApiTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    [Fact]
    public async Task An_idle_agent_reads_when_decay_comes_and_how_much_it_takes()
    {
        var tenantId = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var userId = await app.UserIdAsync("agent03@acme.test");
        var config = await app.WithDbAsync(db => db.GamificationConfigs.IgnoreQueryFilters().SingleAsync(c => c.TenantId == tenantId));
        var zone = TenantClock.For(await app.WithDbAsync(db => db.Tenants.Where(t => t.Id == tenantId).Select(t => t.TimeZoneId).SingleAsync()));
        Assert.True(config is { PointsDecayPercent: > 0, DecayPeriodDays: > 3 }, "The demo tenant decays points.");
        var admin = await app.ClientForAsync("admin@acme.test");
        var award = await admin.PostAsJsonAsync("/api/v1/gamification/points/award", new { user_id = userId, points = 1_690, reason = "Before a long leave" });
        Assert.Equal(HttpStatusCode.OK, award.StatusCode);
        var idle = config.DecayPeriodDays - 3;
        var current = await app.WithDbAsync(async db =>
        {
            var points = await db.UserPoints.IgnoreQueryFilters().SingleAsync(p => p.UserId == userId);
            points.LastActivityAt = app.Now.AddDays(-idle);
            points.LastDecayDate = null;
            await db.SaveChangesAsync();
            return points.CurrentPoints;
        });
        var agent = await app.ClientForAsync("agent03@acme.test");

        var decay = (await agent.GetFromJsonAsync<JsonElement>("/api/v1/gamification/points")).GetProperty("decay");

        var lastDay = zone.LocalDay(app.Now.AddDays(-idle));
        Assert.Equal(lastDay.AddDays(config.DecayPeriodDays), DateOnly.Parse(decay.GetProperty("day").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(current * config.PointsDecayPercent / 100, decay.GetProperty("points").GetInt64());
        Assert.Equal((config.PointsDecayPercent, true), (decay.GetProperty("percent").GetInt32(), decay.GetProperty("warn").GetBoolean()));
    }
}
