using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Analytics;

public class FarmingServiceTests
{
    private static readonly int[] Durations = [240, 200, 300, 180, 260, 220, 280, 250, 210, 20];

    /// <summary>
    /// Three days through the real engine: three normal agents (12 calls a day of 3-5 min, one a wrong number), a
    /// short-call farmer (12 calls of 15 s a day) and a burst farmer (normal calls plus 10 calls within a minute a day).
    /// </summary>
    internal static async Task<(string Normal, string ShortCalls, string Bursts)> FarmAsync(PointsFixture f, int days = 3)
    {
        var normal = f.AgentId;
        var others = new[] { f.AddAgent("agent-02"), f.AddAgent("agent-03") };
        var shortCalls = f.AddAgent("short-01");
        var bursts = f.AddAgent("burst-01");
        for (var d = 0; d < days; d++)
        {
            await DayAsync(f, d, normal, others, shortCalls, bursts);
        }

        return (normal, shortCalls, bursts);
    }

    private static async Task DayAsync(PointsFixture f, int d, string normal, string[] others, string shortCalls, string bursts)
    {
        var morning = PointsFixture.Start.Date.AddDays(d).AddHours(9);
        var day = new DateTimeOffset(morning, TimeSpan.Zero);
        f.Clock.SetUtcNow(day.AddHours(9));
        foreach (var user in new[] { normal, others[0], others[1], shortCalls, bursts })
        {
            for (var k = 0; k < 12; k++)
            {
                var duration = user == shortCalls ? 15 : Durations[k % Durations.Length];
                await CallAsync(f, user, day.AddMinutes(6 * k), duration);
            }
        }

        for (var k = 0; k < 10; k++)
        {
            await CallAsync(f, bursts, day.AddHours(3).AddSeconds(5 * k), 240);
        }
    }

    private static Task<ActivityResult> CallAsync(PointsFixture f, string user, DateTimeOffset at, int duration) =>
        f.Engine.RecordActivityAsync(f.TenantId,
            new ActivityInput(f.NextEventId(), ActivityType.CallCompleted, user, at, DurationSeconds: duration), CancellationToken.None);

    internal static FarmingService Service(PointsFixture f) => new(f.TenantScoped(), f.Clock, NullLogger<FarmingService>.Instance);

    /// <summary>Three farmed days (<see cref="FarmAsync"/>) and one detection run; the service that ran it.</summary>
    private static async Task<(FarmingService Service, string Normal, string ShortCalls, string Bursts)> DetectedAsync(PointsFixture f)
    {
        var (normal, shortCalls, bursts) = await FarmAsync(f);
        var service = Service(f);
        await service.DetectAsync(f.TenantId);
        return (service, normal, shortCalls, bursts);
    }

    [Fact]
    public async Task Short_call_and_burst_farmers_are_flagged_and_a_normal_agent_is_not()
    {
        using var f = PointsFixture.InMemory();
        var (normal, shortCalls, bursts) = await FarmAsync(f);
        var service = Service(f);

        Assert.Equal(2, await service.DetectAsync(f.TenantId));

        var flags = await service.ListAsync(FarmingFlagStatus.Open, CancellationToken.None);
        Assert.Equal(2, flags.Count);
        var shortFlag = Assert.Single(flags, x => x.UserId == shortCalls);
        Assert.Equal((FarmingKind.ShortCalls, "Agent short-01"), (shortFlag.Kind, shortFlag.DisplayName));
        Assert.StartsWith("36 of 36 rewarded calls (100%) lasted under 55 s", shortFlag.Evidence, StringComparison.Ordinal);
        Assert.Contains("\"short_calls\":36", shortFlag.DataJson, StringComparison.Ordinal);
        var burstFlag = Assert.Single(flags, x => x.UserId == bursts);
        Assert.Equal(FarmingKind.Bursts, burstFlag.Kind);
        Assert.Contains("3 bursts", burstFlag.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain(flags, x => x.UserId == normal);
        Assert.All(flags, x => Assert.Equal(FarmingFlagStatus.Open, x.Status));
        Assert.Equal(2, f.All<FarmingFlag>().Count);
    }

    [Fact]
    public async Task Only_an_open_flag_can_be_dismissed_or_confirmed()
    {
        using var f = PointsFixture.InMemory();
        var (service, _, shortCalls, bursts) = await DetectedAsync(f);
        var flags = await service.ListAsync(null, CancellationToken.None);
        var shortFlag = flags.Single(x => x.UserId == shortCalls);
        var burstFlag = flags.Single(x => x.UserId == bursts);

        var tooLong = await Assert.ThrowsAsync<DomainException>(() => service.DismissAsync(shortFlag.Id, new string('x', 501), "sup-1", CancellationToken.None));
        Assert.Equal(DomainErrorKind.Validation, tooLong.Kind);

        var dismissed = await service.DismissAsync(shortFlag.Id, "  Wrong-number campaign  ", "sup-1", CancellationToken.None);
        Assert.Equal((FarmingFlagStatus.Dismissed, "Wrong-number campaign", "sup-1"), (dismissed.Status, dismissed.Note, dismissed.DecidedByUserId));
        Assert.Equal(f.Clock.GetUtcNow(), dismissed.DecidedAt);

        var again = await Assert.ThrowsAsync<DomainException>(() => service.ConfirmAsync(shortFlag.Id, null, "sup-2", CancellationToken.None));
        Assert.Equal(DomainErrorKind.Conflict, again.Kind);

        var confirmed = await service.ConfirmAsync(burstFlag.Id, null, "sup-1", CancellationToken.None);
        Assert.Equal(FarmingFlagStatus.Confirmed, confirmed.Status);
        Assert.Equal(DomainErrorKind.Conflict,
            (await Assert.ThrowsAsync<DomainException>(() => service.DismissAsync(burstFlag.Id, null, "sup-1", CancellationToken.None))).Kind);

        Assert.Equal([FarmingFlagStatus.Confirmed], (await service.ListAsync(FarmingFlagStatus.Confirmed, CancellationToken.None)).Select(x => x.Status));
        Assert.Empty(await service.ListAsync(FarmingFlagStatus.Open, CancellationToken.None));
    }

    [Fact]
    public async Task Re_detection_updates_open_flags_and_never_duplicates_or_reopens_decided_ones()
    {
        using var f = PointsFixture.InMemory();
        var (service, normal, shortCalls, bursts) = await DetectedAsync(f);
        var shortFlag = (await service.ListAsync(null, CancellationToken.None)).Single(x => x.UserId == shortCalls);
        await service.DismissAsync(shortFlag.Id, "Checked", "sup-1", CancellationToken.None);

        // A fourth day of the same: the burst flag (open) grows, the dismissed short-call flag stays dismissed.
        var others = f.All<Core.Users.ApplicationUser>().Where(u => u.Id != normal && u.Id != shortCalls && u.Id != bursts).Select(u => u.Id).ToArray();
        await DayAsync(f, 3, normal, others, shortCalls, bursts);

        Assert.Equal(0, await service.DetectAsync(f.TenantId));

        var flags = f.All<FarmingFlag>();
        Assert.Equal(2, flags.Count);
        var stored = flags.Single(x => x.UserId == shortCalls);
        Assert.Equal((FarmingFlagStatus.Dismissed, "Checked"), (stored.Status, stored.Note));
        Assert.StartsWith("36 of 36 rewarded calls", stored.Evidence, StringComparison.Ordinal); // untouched: the 4th day is not in it
        var burstFlag = flags.Single(x => x.UserId == bursts);
        Assert.Equal(FarmingFlagStatus.Open, burstFlag.Status);
        Assert.Contains("4 bursts", burstFlag.Evidence, StringComparison.Ordinal);
        Assert.Equal(DateOnly.FromDateTime(PointsFixture.Start.Date.AddDays(3)), burstFlag.WindowEnd);
    }

    [Fact]
    public async Task Another_tenants_flag_is_not_found()
    {
        using var f = PointsFixture.InMemory();
        var otherTenant = Guid.NewGuid();
        long otherFlagId;
        using (var db = f.CreateContext())
        {
            db.Tenants.Add(new Tenant { Id = otherTenant, Name = "Other", TimeZoneId = "UTC", CreatedAt = PointsFixture.Start });
            db.Users.Add(new Core.Users.ApplicationUser { Id = "other-agent", TenantId = otherTenant, UserName = "other", DisplayName = "Other" });
            var flag = new FarmingFlag
            {
                TenantId = otherTenant,
                UserId = "other-agent",
                Kind = FarmingKind.Bursts,
                Evidence = "x",
                WindowStart = new DateOnly(2026, 3, 1),
                WindowEnd = new DateOnly(2026, 3, 1),
                DetectedAt = PointsFixture.Start,
            };
            db.FarmingFlags.Add(flag);
            await db.SaveChangesAsync();
            otherFlagId = flag.Id;
        }

        var service = Service(f);

        Assert.Empty(await service.ListAsync(null, CancellationToken.None));
        Assert.Equal(DomainErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => service.GetAsync(otherFlagId, CancellationToken.None))).Kind);
        Assert.Equal(DomainErrorKind.NotFound,
            (await Assert.ThrowsAsync<DomainException>(() => service.ConfirmAsync(otherFlagId, null, "sup-1", CancellationToken.None))).Kind);
        Assert.Equal(FarmingFlagStatus.Open, f.All<FarmingFlag>().Single().Status);
    }
}
