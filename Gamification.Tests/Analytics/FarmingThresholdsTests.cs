namespace Gamification.Tests.Analytics;

/// <summary>Per-tenant farming thresholds: stored as the changed fields only, checked field by field, used by detection.</summary>
public class FarmingThresholdsTests
{
    private static string? Stored(PointsFixture f) => f.All<GamificationConfig>().Single(c => c.TenantId == f.TenantId).FarmingThresholdsJson;

    [Fact]
    public async Task A_new_tenant_uses_the_defaults_and_stores_nothing()
    {
        using var f = PointsFixture.InMemory();
        var service = FarmingServiceTests.Service(f);

        var thresholds = await service.ThresholdsAsync(CancellationToken.None);

        Assert.Equal(FarmingThresholds.Default, thresholds);
        Assert.Empty(thresholds.Customized());
        Assert.Null(Stored(f));
        Assert.Equal(8, thresholds.Get("burst_events"));
        Assert.Equal(0.4, thresholds.Get("short_calls_min_share"));
        // No false accusations (issue 18): three early days, three jump days (or one at 5x), ten active days before judging.
        Assert.Equal(3, thresholds.Get("early_cap_min_days"));
        Assert.Equal(3, thresholds.Get("jump_min_days"));
        Assert.Equal(5, thresholds.Get("jump_extreme_factor"));
        Assert.Equal(10, thresholds.Get("jump_min_prior_days"));
    }

    [Fact]
    public async Task Only_the_changed_fields_are_stored_and_a_later_change_keeps_the_earlier_one()
    {
        using var f = PointsFixture.InMemory();
        var service = FarmingServiceTests.Service(f);

        await service.UpdateThresholdsAsync(new Dictionary<string, double> { ["burst_events"] = 12, ["short_calls_min_share"] = 0.5 }, "admin-1", CancellationToken.None);
        var second = await service.UpdateThresholdsAsync(new Dictionary<string, double> { ["jump_min_points"] = 250 }, "admin-1", CancellationToken.None);

        Assert.Equal((12, 0.5, 250), (second.BurstEvents, second.ShortCallsMinShare, second.JumpMinPoints));
        Assert.Equal(["short_calls_min_share", "burst_events", "jump_min_points"], second.Customized());
        Assert.Equal("""{"short_calls_min_share":0.5,"burst_events":12,"jump_min_points":250}""", Stored(f));
        Assert.Equal(second, await service.ThresholdsAsync(CancellationToken.None));

        // Setting a field to its default value drops it from the stored form: a later change of the default reaches it.
        var back = await service.UpdateThresholdsAsync(new Dictionary<string, double> { ["burst_events"] = 8 }, "admin-1", CancellationToken.None);
        Assert.Equal(["short_calls_min_share", "jump_min_points"], back.Customized());
        Assert.DoesNotContain("burst_events", Stored(f), StringComparison.Ordinal);

        var reset = await service.ResetThresholdsAsync("admin-1", CancellationToken.None);
        Assert.Equal(FarmingThresholds.Default, reset);
        Assert.Null(Stored(f));
    }

    [Fact]
    public async Task A_bad_value_refuses_the_whole_change_with_a_message_per_field()
    {
        using var f = PointsFixture.InMemory();
        var service = FarmingServiceTests.Service(f);
        await service.UpdateThresholdsAsync(new Dictionary<string, double> { ["burst_events"] = 12 }, "admin-1", CancellationToken.None);
        var before = Stored(f);

        var error = await Assert.ThrowsAsync<DomainException>(() => service.UpdateThresholdsAsync(new Dictionary<string, double>
        {
            ["burst_span_seconds"] = 90, // valid, but refused with the rest
            ["short_calls_min_share"] = 40, // a percentage where a share is wanted
            ["burst_events"] = 8.5,
            ["jump_history_days"] = 30,
            ["jump_min_days"] = 0,
            ["jump_extreme_factor"] = 0.5,
            ["bursts_per_day"] = 3,
        }, "admin-1", CancellationToken.None));

        Assert.Equal(DomainErrorKind.Validation, error.Kind);
        var errors = error.Errors!;
        Assert.Equal(["burst_events", "bursts_per_day", "jump_extreme_factor", "jump_history_days", "jump_min_days", "short_calls_min_share"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("a share from 0.05 to 1 (for example 0.4 for 40 %)", errors["short_calls_min_share"][0], StringComparison.Ordinal);
        Assert.Equal("Events that make a burst must be a whole number.", errors["burst_events"][0]);
        Assert.Equal("Active days looked back must be from 1 to 21 days.", errors["jump_history_days"][0]);
        Assert.Equal("'bursts_per_day' is not a farming threshold.", errors["bursts_per_day"][0]);
        Assert.Equal("Jump days that flag must be from 1 to 90 days.", errors["jump_min_days"][0]);
        Assert.Equal("Times for a single day to flag must be from 1 to 100 times.", errors["jump_extreme_factor"][0]);
        Assert.Equal(before, Stored(f));
    }

    [Fact]
    public async Task Thresholds_that_do_not_fit_together_are_refused()
    {
        using var f = PointsFixture.InMemory();
        var service = FarmingServiceTests.Service(f);

        var error = await Assert.ThrowsAsync<DomainException>(() => service.UpdateThresholdsAsync(
            new Dictionary<string, double> { ["jump_history_days"] = 4 }, "admin-1", CancellationToken.None));

        Assert.Equal("Active days needed (10) cannot exceed the active days looked back (4).", error.Errors!["jump_min_prior_days"][0]);
        Assert.Null(Stored(f));

        var both = await service.UpdateThresholdsAsync(
            new Dictionary<string, double> { ["jump_history_days"] = 4, ["jump_min_prior_days"] = 3 }, "admin-1", CancellationToken.None);
        Assert.Equal((4, 3), (both.JumpHistoryDays, both.JumpMinPriorDays));

        // A single day cannot flag below the factor that makes a jump day.
        var extreme = await Assert.ThrowsAsync<DomainException>(() => service.UpdateThresholdsAsync(
            new Dictionary<string, double> { ["jump_extreme_factor"] = 2 }, "admin-1", CancellationToken.None));
        Assert.Equal("Times for a single day to flag (2) cannot be below the times the agent's own median that make a jump day (2.2).",
            Assert.Single(extreme.Errors!["jump_extreme_factor"]));
        var lowered = await service.UpdateThresholdsAsync(
            new Dictionary<string, double> { ["jump_extreme_factor"] = 2, ["jump_own_factor"] = 1.8 }, "admin-1", CancellationToken.None);
        Assert.Equal((2, 1.8), (lowered.JumpExtremeFactor, lowered.JumpOwnFactor));
    }

    [Fact]
    public async Task Detection_uses_the_tenants_own_thresholds_and_not_another_tenants()
    {
        using var f = PointsFixture.InMemory();
        var (_, shortCalls, bursts) = await FarmingServiceTests.FarmAsync(f);
        var service = FarmingServiceTests.Service(f);

        // Another tenant that would never flag a burst: its thresholds must not leak into this tenant's run.
        using (var db = f.CreateContext())
        {
            var other = Guid.NewGuid();
            db.Tenants.Add(new Tenant { Id = other, Name = "Other", TimeZoneId = "UTC", CreatedAt = PointsFixture.Start });
            db.GamificationConfigs.Add(new GamificationConfig
            {
                TenantId = other,
                FarmingThresholdsJson = FarmingThresholds.Default.With(new Dictionary<string, double> { ["burst_events"] = 500 }).ToStored(),
            });
            await db.SaveChangesAsync();
        }
        Assert.Equal(FarmingThresholds.Default, await service.ThresholdsAsync(CancellationToken.None));

        // This tenant counts 12 events in two minutes as a burst: the farmer's 10 in 45 s are no longer one.
        await service.UpdateThresholdsAsync(new Dictionary<string, double> { ["burst_events"] = 12 }, "admin-1", CancellationToken.None);
        Assert.Equal(1, await service.DetectAsync(f.TenantId));
        Assert.Equal(shortCalls, Assert.Single(await service.ListAsync(null, CancellationToken.None)).UserId);

        // Back to the defaults, the next run flags the bursts too, with the default figure in its evidence.
        await service.ResetThresholdsAsync("admin-1", CancellationToken.None);
        Assert.Equal(1, await service.DetectAsync(f.TenantId));
        var burst = Assert.Single(await service.ListAsync(null, CancellationToken.None), x => x.UserId == bursts);
        Assert.Contains("of 8 or more calls and conversions within 2 min", burst.Evidence, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"burst_events":"many"}""")]
    public void A_stored_form_that_cannot_be_read_falls_back_to_the_defaults(string? stored) =>
        Assert.Equal(FarmingThresholds.Default, FarmingThresholds.FromStored(stored));

    [Fact]
    public void A_stored_value_out_of_range_or_unknown_is_dropped_and_the_rest_kept()
    {
        var read = FarmingThresholds.FromStored("""{"burst_events":12,"burst_span_seconds":0,"retired_rule":3}""");

        Assert.Equal(12, read.BurstEvents);
        Assert.Equal(FarmingThresholds.Default.BurstSpanSeconds, read.BurstSpanSeconds);
        Assert.Equal(["burst_events"], read.Customized());
    }

    [Fact]
    public void A_stored_pair_that_no_longer_fits_drops_only_the_field_in_error()
    {
        var read = FarmingThresholds.FromStored("""{"burst_events":12,"jump_history_days":12,"jump_min_prior_days":13}""");

        Assert.Equal((12, 12, 10), (read.BurstEvents, read.JumpHistoryDays, read.JumpMinPriorDays));
        Assert.Equal(["burst_events", "jump_history_days"], read.Customized());
    }

    [Fact]
    public void A_tenant_that_kept_the_jump_defaults_gets_the_new_ones_and_a_look_back_too_short_for_them_goes_back_to_its_default()
    {
        // Stored before issue 18: 12 burst events, and 6 active days looked back (fine with the 5 days needed then).
        var read = FarmingThresholds.FromStored("""{"burst_events":12,"jump_history_days":6}""");

        // 6 days looked back cannot give the 10 needed now: the look-back goes back to its default; the burst change stays.
        Assert.Equal((12, 14, 10), (read.BurstEvents, read.JumpHistoryDays, read.JumpMinPriorDays));
        Assert.Equal((3, 5.0, 3), (read.JumpMinDays, read.JumpExtremeFactor, read.EarlyCapMinDays));
        Assert.Equal(["burst_events"], read.Customized());

        // A tenant that chose its own days needed keeps its choice with its look-back.
        var chosen = FarmingThresholds.FromStored("""{"jump_history_days":6,"jump_min_prior_days":5}""");
        Assert.Equal((6, 5), (chosen.JumpHistoryDays, chosen.JumpMinPriorDays));

        // A jump factor raised above the new single-day factor (5) goes back to its default; one under it stays.
        Assert.Equal(2.2, FarmingThresholds.FromStored("""{"jump_own_factor":6}""").JumpOwnFactor);
        Assert.Equal(4, FarmingThresholds.FromStored("""{"jump_own_factor":4}""").JumpOwnFactor);
    }

    [Fact]
    public void Every_field_has_its_default_within_its_range_and_a_unique_name()
    {
        Assert.Equal(FarmingThresholds.Fields.Count, FarmingThresholds.Fields.Select(x => x.Name).Distinct().Count());
        Assert.Equal(typeof(FarmingThresholds).GetProperties().Count(p => p.CanWrite), FarmingThresholds.Fields.Count);
        Assert.All(FarmingThresholds.Fields, field => Assert.Null(field.Error(FarmingThresholds.Default.Get(field.Name))));
        Assert.Empty(FarmingThresholds.Check(FarmingThresholds.Default, new Dictionary<string, double>()));
    }
}
