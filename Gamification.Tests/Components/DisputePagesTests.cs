using Bunit;

using Gamification.Web.Components.Pages.Disputes;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The disputes UI over a real SQLite database, the real dispute service and engine, and the live notifier: the agent's
/// dialog files on an entry or for missing credit and shows a refusal with nothing stored; the agent's list follows an
/// answer live, in the tenant's time; the queue lists waiting disputes oldest first with the agent and the entry; the
/// decision dialog shows the service's refusals and decides nothing, and offers points to admins only.
/// </summary>
public sealed class DisputePagesTests : PageTestContext
{
    [Fact]
    public async Task The_agent_files_on_an_entry_from_the_dialog_and_the_open_limit_shows_in_the_dialog_with_nothing_stored()
    {
        SignIn(Roles.Agent);
        await GivePointsAsync(AgentId, 40);
        var entry = LastEntry(AgentId);
        var providers = RenderProviders();

        var dialog = await ShowAsync<DisputeDialog>(providers, new DialogParameters<DisputeDialog> { { d => d.Entry, entry } });

        Assert.Contains("Test award 1", providers.Find("#dispute-entry").TextContent, StringComparison.Ordinal);
        Assert.Contains("+40 awarded by an admin", providers.Find("#dispute-entry").TextContent, StringComparison.Ordinal);
        Assert.Equal("1000", providers.Find("#dispute-message").GetAttribute("maxlength"));
        Assert.Empty(providers.FindAll("#dispute-event"));
        providers.Find("#dispute-message").Input("The award was 50, not 40.");
        providers.Find("#dispute-file").Click();

        var result = await dialog.Result;
        var filed = Assert.IsType<DisputeView>(result!.Data);
        var stored = Db(db => db.Disputes.IgnoreQueryFilters().Single());
        Assert.Equal((filed.Id, AgentId, (long?)entry.Id, (string?)null, "The award was 50, not 40.", DisputeStatus.Open),
            (stored.Id, stored.UserId, stored.TransactionId, stored.EventId, stored.Message, stored.Status));

        // Two more waiting: the agent is at the limit of 3, and a fourth is refused in the dialog.
        await FileAsync(AgentId, null, "Monday's calls are missing.");
        await FileAsync(AgentId, null, "Tuesday's calls are missing.");
        var missing = await ShowAsync<DisputeDialog>(providers, []);
        Assert.NotEmpty(providers.FindAll("#dispute-event"));
        providers.Find("#dispute-event").Input("call-778");
        providers.Find("#dispute-message").Input("My conversion is missing.");
        providers.Find("#dispute-file").Click();

        providers.WaitForAssertion(() => Assert.Equal(
            "Nothing was sent. You already have 3 open disputes (at most 3); wait for an answer before filing another.",
            providers.Find("#dispute-error").TextContent.Trim()));
        Assert.NotEmpty(providers.FindAll("#dispute-dialog"));
        Assert.Equal(3, Count<Dispute>());
        Assert.Equal(0, Db(db => db.Disputes.IgnoreQueryFilters().Count(d => d.EventId == "call-778")));
        await CloseAsync(providers, missing);
    }

    [Fact]
    public async Task My_disputes_shows_an_admins_answer_live_with_the_points_and_times_in_the_tenants_zone()
    {
        SignIn(Roles.Agent);
        // Berlin is UTC+1 on 4 March: filed at 12:00 UTC reads 13:00.
        Db(db => db.Tenants.IgnoreQueryFilters().Where(t => t.Id == TenantId).ExecuteUpdate(s => s.SetProperty(t => t.TimeZoneId, "Europe/Berlin")));
        await GivePointsAsync(AgentId, 40);
        var entry = LastEntry(AgentId);
        var filed = await FileAsync(AgentId, entry.Id, "The award was 65, not 40.");
        var list = Render<MyDisputes>();
        var row = $"[data-testid=\"my-dispute-{filed.Id}\"]";
        list.WaitForAssertion(() => Assert.Equal("open", list.Find(row).GetAttribute("data-status")));
        Assert.Equal("Open", list.Find($"[data-testid=\"my-dispute-status-{filed.Id}\"]").TextContent.Trim());
        Assert.Equal($"Entry #{entry.Id}", list.Find($"[data-testid=\"my-dispute-subject-{filed.Id}\"]").TextContent.Trim());
        Assert.Contains("filed Wed 4 Mar, 13:00", list.Find(row).TextContent, StringComparison.Ordinal);
        Assert.Contains("Waiting for a supervisor's answer.", list.Find(row).TextContent, StringComparison.Ordinal);
        Assert.Contains("1 of 3 waiting", list.Find("#my-disputes-waiting").TextContent, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromMinutes(30));
        await RunAsync<DisputeService, DisputeView>(s => s.ResolveAsync(filed.Id,
            new DisputeResolution(DisputeDecision.Accepted, 25, "The bonus was missing"), AdminId, isAdmin: true));

        // No reload: the engine's notification reached the list.
        list.WaitForAssertion(() => Assert.Equal("accepted", list.Find(row).GetAttribute("data-status")));
        Assert.Equal("Accepted", list.Find($"[data-testid=\"my-dispute-status-{filed.Id}\"]").TextContent.Trim());
        Assert.Equal("+25 points", list.Find($"[data-testid=\"my-dispute-points-{filed.Id}\"]").TextContent.Trim());
        Assert.Equal("Accepted Wed 4 Mar, 13:30: The bonus was missing",
            Regex.Replace(list.Find($"[data-testid=\"my-dispute-answer-{filed.Id}\"]").TextContent, @"\s+", " ").Trim());
        Assert.Empty(list.FindAll("#my-disputes-waiting"));
    }

    [Fact]
    public async Task The_queue_lists_waiting_disputes_oldest_first_with_the_agent_link_and_the_contested_entry()
    {
        SignIn(Roles.Supervisor);
        await GivePointsAsync(SecondAgentId, 40);
        var entry = LastEntry(SecondAgentId);
        var older = await FileAsync(SecondAgentId, entry.Id, "The award was 50, not 40.");
        Clock.Advance(TimeSpan.FromHours(2));
        var newer = await FileAsync(AgentId, null, "Yesterday's calls are missing.", "call-9");
        var escalated = await FileAsync(AgentId, null, "Friday's calls are missing.");
        await RunAsync<DisputeService, DisputeView>(s => s.ResolveAsync(escalated.Id,
            new DisputeResolution(DisputeDecision.Escalated, null, "Needs points"), SupervisorId, isAdmin: false));
        var decided = await FileAsync(AgentId, null, "Saturday's calls are missing.");
        await RunAsync<DisputeService, DisputeView>(s => s.ResolveAsync(decided.Id,
            new DisputeResolution(DisputeDecision.Rejected, null, "No shift that day"), SupervisorId, isAdmin: false));
        Clock.Advance(TimeSpan.FromMinutes(5));
        RenderProviders();

        var page = Render<DisputeQueue>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#dispute-queue [data-testid^=\"dispute-\"][data-status]").Count));
        var rows = page.FindAll("#dispute-queue [data-testid^=\"dispute-\"][data-status]");
        Assert.Equal([$"dispute-{older.Id}", $"dispute-{newer.Id}", $"dispute-{escalated.Id}"], rows.Select(r => r.GetAttribute("data-testid")));
        var link = rows[0].QuerySelector(".dispute-agent")!;
        Assert.Equal(("Blair Agent", $"people/{SecondAgentId}"), (link.TextContent.Trim(), link.GetAttribute("href")));
        var contested = page.Find($"[data-testid=\"dispute-entry-{older.Id}\"]");
        Assert.Equal(entry.Id.ToString(CultureInfo.InvariantCulture), contested.GetAttribute("data-entry"));
        Assert.Contains("Test award 1", contested.TextContent, StringComparison.Ordinal);
        Assert.Equal("+40 awarded by an admin", contested.QuerySelector(".tx-breakdown")!.TextContent.Trim());
        Assert.Contains("“The award was 50, not 40.”", page.Find($"[data-testid=\"dispute-message-{older.Id}\"]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Missing credit for event “call-9”", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Alex Agent", rows[1].TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll($"[data-testid=\"decide-{older.Id}\"]"));
        Assert.NotEmpty(page.FindAll($"[data-testid=\"decide-{newer.Id}\"]"));
        // A supervisor cannot answer an escalated dispute: it says who can instead of offering Decide.
        Assert.Empty(page.FindAll($"[data-testid=\"decide-{escalated.Id}\"]"));
        Assert.Equal("Waits for an admin", page.Find($"[data-testid=\"dispute-waits-admin-{escalated.Id}\"]").TextContent.Trim());
        Assert.Contains("Needs points", page.Find($"[data-testid=\"dispute-answer-{escalated.Id}\"]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll($"[data-testid=\"dispute-{decided.Id}\"]"));
    }

    [Fact]
    public async Task The_decision_dialog_shows_the_services_refusals_and_offers_points_to_admins_only()
    {
        SignIn(Roles.Supervisor);
        var filed = await FileAsync(AgentId, null, "Yesterday's calls are missing.");
        var providers = RenderProviders();

        var dialog = await ShowAsync<DisputeDecisionDialog>(providers, Parameters(await QueueItemAsync(filed.Id), isAdmin: false));

        Assert.Empty(providers.FindAll("#dispute-points"));
        Assert.Equal("400", providers.Find("#dispute-note").GetAttribute("maxlength"));
        // Reject without a note: the service refuses, the dialog says why, nothing is decided.
        Choose(providers, "#dispute-decision-reject");
        providers.Find("#dispute-submit").Click();
        // The field's error, then its counter (0 of 400 characters).
        providers.WaitForAssertion(() => Assert.StartsWith("Give a note for the rejection; the agent sees it.", FieldError(providers, "#dispute-note"), StringComparison.Ordinal));
        Assert.Equal("Nothing was decided. Give a note for the rejection; the agent sees it.", providers.Find("#dispute-decision-error").TextContent.Trim());
        Assert.Equal(DisputeStatus.Open, StatusOf(filed.Id));

        // Escalate, with a note.
        Choose(providers, "#dispute-decision-escalate");
        providers.Find("#dispute-note").Input("Needs points");
        providers.Find("#dispute-submit").Click();
        var escalated = Assert.IsType<DisputeView>((await dialog.Result)!.Data);
        Assert.Equal(DisputeStatus.Escalated, escalated.Status);

        // A supervisor accepting the escalated dispute: the service's refusal is shown, nothing changes.
        var again = await ShowAsync<DisputeDecisionDialog>(providers, Parameters(await QueueItemAsync(filed.Id), isAdmin: false));
        Assert.Empty(providers.FindAll("#dispute-decision-escalate"));
        providers.Find("#dispute-submit").Click();
        providers.WaitForAssertion(() => Assert.Equal("Nothing was decided. This dispute was escalated: it waits for an admin.",
            providers.Find("#dispute-decision-error").TextContent.Trim()));
        Assert.Equal(DisputeStatus.Escalated, StatusOf(filed.Id));
        await CloseAsync(providers, again);
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#dispute-decision-dialog")));

        // An admin gets the points field when accepting, and only then.
        SignIn(Roles.Admin);
        var admin = await ShowAsync<DisputeDecisionDialog>(providers, Parameters(await QueueItemAsync(filed.Id), isAdmin: true));
        Assert.NotEmpty(providers.FindAll("#dispute-points"));
        Choose(providers, "#dispute-decision-reject");
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#dispute-points")));
        Choose(providers, "#dispute-decision-accept");
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("#dispute-points")));
        await CloseAsync(providers, admin);
    }

    private static Task CloseAsync(IRenderedComponent<MudDialogProvider> providers, IDialogReference dialog) => providers.InvokeAsync(dialog.Close);

    private static DialogParameters<DisputeDecisionDialog> Parameters(DisputeQueueItem item, bool isAdmin) =>
        new() { { d => d.Dispute, item }, { d => d.IsAdmin, isAdmin } };

    /// <summary>Picks a decision: a click on the radio's input, as a person's click on its label would.</summary>
    private static void Choose(IRenderedComponent<MudDialogProvider> providers, string radio)
    {
        var input = providers.Find(radio) is { TagName: "INPUT" } direct ? direct : providers.Find($"{radio} input");
        input.Click();
    }

    private Task<DisputeView> FileAsync(string userId, long? entryId, string message, string? eventId = null) =>
        RunAsync<DisputeService, DisputeView>(s => s.FileAsync(userId, new DisputeInput(entryId, eventId, message)));

    private async Task<DisputeQueueItem> QueueItemAsync(long id) =>
        (await RunAsync<DisputeService, IReadOnlyList<DisputeQueueItem>>(s => s.QueueAsync(null))).Single(d => d.Id == id);

    private DisputeStatus StatusOf(long id) => Db(db => db.Disputes.IgnoreQueryFilters().Single(d => d.Id == id).Status);

    /// <summary>The user's newest ledger entry, as the agent's page reads it.</summary>
    private TransactionView LastEntry(string userId) => Db(db => db.PointTransactions.IgnoreQueryFilters()
        .Where(t => t.UserId == userId).OrderByDescending(t => t.Id).AsEnumerable()
        .Select(t => new TransactionView(t.Id, t.CreatedAt, t.CreatedAt.UtcDateTime, t.LocalDate, t.Type, t.Points, t.BasePoints, t.Multiplier,
            t.StreakMultiplier, t.Bonus, t.UncappedPoints, t.Reason, t.SourceType, t.SourceId))
        .First());
}
