namespace Gamification.Tests.Api;

/// <summary>
/// Every read shows the live streak: a streak whose agent missed their previous working day reads 0 everywhere,
/// even before the nightly expiry job stores the 0.
/// </summary>
public sealed class LiveStreakTests(GamificationAppFactory app) : IClassFixture<GamificationAppFactory>
{
    [Fact]
    public async Task A_lapsed_streak_reads_0_on_the_profile_the_points_and_the_people_list()
    {
        var acme = await app.TenantIdAsync(DemoSeeder.AcmeName);
        var (lapsed, alive) = await app.WithDbAsync(async db =>
        {
            var ids = await db.Users.Where(u => u.ExternalId == "agent-11" || u.ExternalId == "agent-12")
                .OrderBy(u => u.ExternalId).Select(u => u.Id).ToListAsync();
            var today = TenantClock.For("America/New_York").LocalDay(app.Now);
            db.UserPoints.Add(new UserPoints { TenantId = acme, UserId = ids[0], StreakDays = 6, LongestStreak = 6, LastActiveDate = today.AddDays(-5) });
            db.UserPoints.Add(new UserPoints { TenantId = acme, UserId = ids[1], StreakDays = 4, LongestStreak = 4, LastActiveDate = today });
            await db.SaveChangesAsync();
            return (ids[0], ids[1]);
        }, acme);

        var agent = await app.ClientForAsync("agent11@acme.test");
        var points = await agent.GetFromJsonAsync<JsonElement>("/api/v1/gamification/points");
        var me = await agent.GetFromJsonAsync<JsonElement>("/api/v1/gamification/me");
        var admin = await app.ClientForAsync("admin@acme.test");
        var people = await admin.GetFromJsonAsync<JsonElement>("/api/v1/gamification/admin/users");

        Assert.Equal(0, points.GetProperty("streak_days").GetInt32());
        Assert.Equal(6, points.GetProperty("longest_streak").GetInt32());
        Assert.Equal(0, me.GetProperty("streak_days").GetInt32());
        int StreakOf(string id) => people.EnumerateArray().Single(p => p.GetProperty("id").GetString() == id).GetProperty("streak_days").GetInt32();
        Assert.Equal(0, StreakOf(lapsed));
        Assert.Equal(4, StreakOf(alive));
    }
}
