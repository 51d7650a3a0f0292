using Bunit;

using Gamification.Web;
using Gamification.Web.Components.Pages.Analytics;

using Microsoft.Extensions.Localization;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The fair-play page's "Check now" button and its thresholds dialog over a real SQLite file: admins change, refuse
/// and reset thresholds (checked against the stored config), supervisors see them read-only, and "Check now" runs the
/// detector on calls recorded through the real engine. One tenant (UTC), an admin, a supervisor and an agent, a clock
/// fixed on Wednesday 4 March 2026, 12:00 UTC.
/// </summary>
public sealed class FairPlayThresholdsTests : PageTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public Task An_admin_reading_Spanish_sees_the_thresholds_labels_help_and_units_in_Spanish() => Localization.Culture.InCultureAsync("es", () =>
    {
        var (providers, _) = OpenThresholdsAsAdmin();
        var dialog = providers.Find("#farming-thresholds-dialog").TextContent;

        Assert.Contains("Estas llamadas y conversiones dentro del intervalo de ráfaga forman una ráfaga.", dialog, StringComparison.Ordinal);
        Assert.Contains("Días activos necesarios", dialog, StringComparison.Ordinal);
        Assert.Contains("8 eventos", providers.Find("[data-testid=threshold-default-burst_events]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("make a burst", dialog, StringComparison.Ordinal);
        Assert.DoesNotContain("Active days needed", dialog, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public async Task An_admin_changes_two_thresholds_and_only_those_are_stored()
    {
        var (providers, page) = OpenThresholdsAsAdmin();
        Assert.Equal("8", providers.Find("#threshold-burst_events").GetAttribute("value"));
        Assert.Equal("40", providers.Find("#threshold-short_calls_min_share").GetAttribute("value"));
        Assert.Contains("Default: 8 events", providers.Find("[data-testid=threshold-default-burst_events]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Default: 40 %", providers.Find("[data-testid=threshold-default-short_calls_min_share]").TextContent, StringComparison.Ordinal);
        Assert.Empty(providers.FindAll("[data-testid^=threshold-customized-]"));
        Assert.Equal(FarmingThresholds.Fields.Count, providers.FindAll("#farming-thresholds-dialog input[id^=threshold-]").Count);
        Assert.Contains("Bursts faster than a person can work", providers.Find("#thresholds-Bursts").TextContent, StringComparison.Ordinal);
        // The sudden-jump rules of issue 18, in the sudden-jump section: three jump days, or a single one at 5 times.
        var jumps = providers.Find("#thresholds-SuddenJump");
        Assert.Equal("3", jumps.QuerySelector("#threshold-jump_min_days")!.GetAttribute("value"));
        Assert.Contains("Default: 3 days", providers.Find("[data-testid=threshold-default-jump_min_days]").TextContent, StringComparison.Ordinal);
        Assert.Equal("5", jumps.QuerySelector("#threshold-jump_extreme_factor")!.GetAttribute("value"));
        Assert.Contains("Default: 5 times", providers.Find("[data-testid=threshold-default-jump_extreme_factor]").TextContent, StringComparison.Ordinal);
        Assert.Equal("10", jumps.QuerySelector("#threshold-jump_min_prior_days")!.GetAttribute("value"));
        Assert.NotNull(providers.Find("#thresholds-save").GetAttribute("disabled"));

        providers.Find("#threshold-burst_events").Input("12");
        providers.Find("#threshold-short_calls_min_share").Input("50");
        await providers.Find("#thresholds-save").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#farming-thresholds-dialog")), Wait);
        Assert.Equal(new Dictionary<string, double> { ["burst_events"] = 12, ["short_calls_min_share"] = 0.5 }, StoredThresholds());
        var stored = await Thresholds();
        Assert.Equal((12, 0.5), (stored.BurstEvents, stored.ShortCallsMinShare));
        Snackbars.WaitForAssertion(() => Assert.Contains("The next check uses them; flags already raised stay", Snackbars.Markup, StringComparison.Ordinal), Wait);

        // Opened again: the saved values, marked as changed for the tenant.
        // Not awaited: the page awaits the dialog's result.
        page.Find("#flags-thresholds").Click();
        providers.WaitForAssertion(() => Assert.Equal("12", providers.Find("#threshold-burst_events").GetAttribute("value")), Wait);
        Assert.Equal("50", providers.Find("#threshold-short_calls_min_share").GetAttribute("value"));
        Assert.Equal(2, providers.FindAll("[data-testid^=threshold-customized-]").Count);
        Assert.Single(providers.FindAll("[data-testid=threshold-customized-burst_events]"));
    }

    [Fact]
    public async Task Saving_sends_only_the_changed_fields_so_another_admins_change_meanwhile_is_kept()
    {
        var (providers, _) = OpenThresholdsAsAdmin();
        // Another admin changes a different threshold while this dialog still shows the default for it.
        await RunAsync<FarmingService, FarmingThresholds>(s => s.UpdateThresholdsAsync(
            new Dictionary<string, double> { ["source_loyalty"] = 0.6 }, AdminId, CancellationToken.None));
        Assert.Equal("80", providers.Find("#threshold-source_loyalty").GetAttribute("value"));

        providers.Find("#threshold-burst_events").Input("12");
        await providers.Find("#thresholds-save").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#farming-thresholds-dialog")), Wait);
        Assert.Equal(new Dictionary<string, double> { ["burst_events"] = 12, ["source_loyalty"] = 0.6 }, StoredThresholds());
    }

    [Fact]
    public async Task An_out_of_range_value_shows_the_fields_message_and_nothing_is_stored()
    {
        var (providers, _) = OpenThresholdsAsAdmin();

        providers.Find("#threshold-burst_events").Input("1");
        providers.Find("#threshold-short_calls_min_share").Input("0");

        var burst = FarmingThresholds.Field("burst_events")!;
        providers.WaitForAssertion(() => Assert.Equal(burst.Error(1), FieldError(providers, "#threshold-burst_events")), Wait);
        Assert.Equal("Events that make a burst must be from 2 to 1,000 events.", FieldError(providers, "#threshold-burst_events"));
        // Shares are typed as percentages, so the message gives the range in percent.
        Assert.Equal("Share of short calls that flags must be from 5 % to 100 %.", FieldError(providers, "#threshold-short_calls_min_share"));
        Assert.Single(providers.FindAll("#thresholds-fix"));
        Assert.NotNull(providers.Find("#thresholds-save").GetAttribute("disabled"));
        await providers.Find("#thresholds-save").ClickAsync(new());
        Assert.Single(providers.FindAll("#farming-thresholds-dialog"));
        Assert.Null(StoredJson());

        // Back in range, the message goes and the change can be saved.
        providers.Find("#threshold-burst_events").Input("9");
        providers.Find("#threshold-short_calls_min_share").Input("40");
        providers.WaitForAssertion(() => Assert.Equal("", FieldError(providers, "#threshold-burst_events")), Wait);
        Assert.Null(providers.Find("#thresholds-save").GetAttribute("disabled"));
        Assert.Null(StoredJson());
    }

    [Fact]
    public async Task Thresholds_that_do_not_fit_together_are_refused_under_the_field_and_nothing_is_stored()
    {
        var (providers, _) = OpenThresholdsAsAdmin();

        // Each value is in its own range, but 20 active days needed exceed the 14 looked back: the service refuses.
        providers.Find("#threshold-jump_min_prior_days").Input("20");
        providers.Find("#threshold-burst_events").Input("12");
        await providers.Find("#thresholds-save").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Single(providers.FindAll("#thresholds-error")), Wait);
        Assert.Contains("The thresholds were not saved", providers.Find("#thresholds-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("Active days needed (20) cannot exceed the active days looked back (14).", FieldError(providers, "#threshold-jump_min_prior_days"));
        Assert.Equal("", FieldError(providers, "#threshold-burst_events"));
        Assert.Null(StoredJson());

        // Looking back further makes the same change valid.
        providers.Find("#threshold-jump_history_days").Input("21");
        Assert.Equal("", FieldError(providers, "#threshold-jump_min_prior_days"));
        await providers.Find("#thresholds-save").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#farming-thresholds-dialog")), Wait);
        Assert.Equal(new Dictionary<string, double> { ["burst_events"] = 12, ["jump_history_days"] = 21, ["jump_min_prior_days"] = 20 }, StoredThresholds());
    }

    [Fact]
    public async Task Reset_puts_every_threshold_back_to_its_default()
    {
        await RunAsync<FarmingService, FarmingThresholds>(s => s.UpdateThresholdsAsync(
            new Dictionary<string, double> { ["burst_events"] = 12, ["source_loyalty"] = 0.6 }, AdminId, CancellationToken.None));
        Assert.NotNull(StoredJson());
        var (providers, _) = OpenThresholdsAsAdmin();
        Assert.Equal("60", providers.Find("#threshold-source_loyalty").GetAttribute("value"));
        Assert.Equal(2, providers.FindAll("[data-testid^=threshold-customized-]").Count);

        await providers.Find("#thresholds-reset").ClickAsync(new());
        Assert.Contains("all 2 changed thresholds", providers.Find("#thresholds-reset-question").TextContent, StringComparison.Ordinal);
        Assert.NotNull(StoredJson());
        await providers.Find("#thresholds-reset-confirm").ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#farming-thresholds-dialog")), Wait);
        Assert.Null(StoredJson());
        Assert.Equal(FarmingThresholds.Default, await Thresholds());
        Snackbars.WaitForAssertion(() => Assert.Contains("Thresholds back to their defaults.", Snackbars.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task A_supervisor_sees_the_thresholds_read_only()
    {
        SignIn(Roles.Supervisor);
        await RunAsync<FarmingService, FarmingThresholds>(s => s.UpdateThresholdsAsync(
            new Dictionary<string, double> { ["burst_events"] = 12 }, AdminId, CancellationToken.None));
        var (providers, _) = OpenThresholds();

        Assert.Equal("false", providers.Find("#farming-thresholds-dialog").GetAttribute("data-editable"));
        Assert.Contains("Only admins change thresholds", providers.Find("#thresholds-read-only").TextContent, StringComparison.Ordinal);
        Assert.Equal("12", providers.Find("#threshold-burst_events").GetAttribute("value"));
        Assert.Single(providers.FindAll("[data-testid=threshold-customized-burst_events]"));
        var inputs = providers.FindAll("#farming-thresholds-dialog input[id^=threshold-]");
        Assert.Equal(FarmingThresholds.Fields.Count, inputs.Count);
        Assert.All(inputs, i => Assert.True(i.HasAttribute("readonly"), $"{i.Id} can be edited."));
        Assert.Empty(providers.FindAll("#thresholds-save"));
        Assert.Empty(providers.FindAll("#thresholds-reset"));

        await providers.Find("#thresholds-close").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#farming-thresholds-dialog")), Wait);
        Assert.Equal(new Dictionary<string, double> { ["burst_events"] = 12 }, StoredThresholds());
    }

    [Fact]
    public async Task Check_now_flags_a_burst_of_calls_and_a_second_check_finds_nothing_new()
    {
        // Ten completed calls within 45 seconds, 10 minutes ago: a burst by the default thresholds (8 within 2 minutes).
        for (var k = 0; k < 10; k++)
        {
            Assert.Equal(ActivityStatus.Awarded, (await CallAsync(AgentId, at: Now.AddMinutes(-10).AddSeconds(5 * k))).Status);
        }
        RenderProviders();
        var page = Render<FairPlay>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#flags-empty")), Wait);
        Assert.Contains("every hour", page.Find("#flags-empty").TextContent, StringComparison.Ordinal);
        Assert.Contains("Check now", page.Find("#flags-empty").TextContent, StringComparison.Ordinal);

        await page.Find("#flags-detect").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-kind=Bursts]")), Wait);
        var card = page.Find("[data-kind=Bursts]");
        Assert.Contains("Alex Agent", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("the densest 10 events", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("open", card.GetAttribute("data-status"));
        Snackbars.WaitForAssertion(() => Assert.Contains("1 new flag to look at.", Snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.Null(page.Find("#flags-detect").GetAttribute("disabled"));
        var stored = Db(db => db.FarmingFlags.IgnoreQueryFilters().Single());
        Assert.Equal((AgentId, FarmingKind.Bursts, FarmingFlagStatus.Open), (stored.UserId, stored.Kind, stored.Status));

        await page.Find("#flags-detect").ClickAsync(new());
        Snackbars.WaitForAssertion(() => Assert.Contains("No new flags: nothing new looks like farming.", Snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(1, Db(db => db.FarmingFlags.IgnoreQueryFilters().Count()));

        // A second burst later: the same flag grows.
        for (var k = 0; k < 10; k++)
        {
            Assert.Equal(ActivityStatus.Awarded, (await CallAsync(AgentId, at: Now.AddMinutes(-5).AddSeconds(5 * k))).Status);
        }
        await page.Find("#flags-detect").ClickAsync(new());
        Snackbars.WaitForAssertion(() => Assert.Contains("No new flags; 1 open flag has new evidence.", Snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(1, Db(db => db.FarmingFlags.IgnoreQueryFilters().Count()));
        page.WaitForAssertion(() => Assert.Contains("2 bursts", page.Find("[data-kind=Bursts]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Check_now_uses_the_thresholds_an_admin_saved()
    {
        for (var k = 0; k < 10; k++)
        {
            Assert.Equal(ActivityStatus.Awarded, (await CallAsync(AgentId, at: Now.AddMinutes(-10).AddSeconds(5 * k))).Status);
        }
        var (providers, page) = OpenThresholdsAsAdmin();
        providers.Find("#threshold-burst_events").Input("12");
        await providers.Find("#thresholds-save").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#farming-thresholds-dialog")), Wait);

        // Ten calls are no burst when twelve make one.
        await page.Find("#flags-detect").ClickAsync(new());
        Snackbars.WaitForAssertion(() => Assert.Contains("No new flags", Snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(0, Db(db => db.FarmingFlags.IgnoreQueryFilters().Count()));
        Assert.Single(page.FindAll("#flags-empty"));
    }

    [Theory]
    [InlineData(0, 0, "No new flags: nothing new looks like farming.")]
    [InlineData(1, 0, "1 new flag to look at.")]
    [InlineData(3, 0, "3 new flags to look at.")]
    [InlineData(0, 2, "No new flags; 2 open flags have new evidence.")]
    [InlineData(1, 1, "1 new flag to look at; 1 open flag has new evidence.")]
    public void Check_now_says_what_it_found(int created, int updated, string expected) =>
        Assert.Equal(expected, FairPlay.CheckNowText(new FarmingRun(created, updated), Services.GetRequiredService<IStringLocalizer<SharedResource>>()));

    /// <summary>Renders the providers and the fair-play page, and opens the thresholds dialog once its values are in.</summary>
    /// <summary>Signs the admin in and opens the thresholds dialog (<see cref="OpenThresholds"/>).</summary>
    private (IRenderedComponent<MudDialogProvider> Providers, IRenderedComponent<FairPlay> Page) OpenThresholdsAsAdmin()
    {
        SignIn(Roles.Admin);
        return OpenThresholds();
    }

    private (IRenderedComponent<MudDialogProvider> Providers, IRenderedComponent<FairPlay> Page) OpenThresholds()
    {
        var providers = RenderProviders();
        var page = Render<FairPlay>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#flags-empty")), Wait);
        // Not awaited: the page awaits the dialog's result.
        page.Find("#flags-thresholds").Click();
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("#threshold-burst_events")), Wait);
        return (providers, page);
    }

    private Task<FarmingThresholds> Thresholds() => RunAsync<FarmingService, FarmingThresholds>(s => s.ThresholdsAsync(CancellationToken.None));

    private string? StoredJson() => Db(db => db.GamificationConfigs.IgnoreQueryFilters().Single(c => c.TenantId == TenantId).FarmingThresholdsJson);

    private Dictionary<string, double> StoredThresholds() =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(StoredJson() ?? throw new InvalidOperationException("No thresholds are stored.")) ?? [];
}
