namespace Gamification.Tests.Browser;

/// <summary>
/// A supervisor opens a person's record from Teams &amp; people and reads their ledger (with its breakdown, filtered
/// by type) and achievements; an admin corrects one entry from there, the correction naming the entry.
/// </summary>
public sealed class PersonRecordTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string Agent = "Mateo Garcia";

    [Fact]
    public async Task A_supervisor_reads_a_persons_ledger_and_achievements_and_an_admin_corrects_an_entry()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var userId = await Browser.App.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.DisplayName == Agent).Select(u => u.Id).SingleAsync());
        var external = await Browser.App.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => u.ExternalId!).SingleAsync());
        await InScopeAsync(tenantId, (EventIngestion ingestion) => ingestion.IngestAsync(tenantId,
            new IncomingEvent($"record-{Guid.NewGuid():n}", ActivityType.CallCompleted, external, Browser.App.Now.AddMinutes(-1), Rating: 5), default));

        await SignInAndOpenAsync("supervisor@acme.test", "/people");
        await Page.Locator("#people-search").FillAsync("Mateo");
        await Page.Locator("#people-grid").GetByRole(AriaRole.Link, new() { Name = Agent }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/people/{userId}$"));
        await WaitUntilInteractiveAsync();

        await Expect(Page.Locator("#person-name")).ToHaveTextAsync(Agent);
        var ledger = Page.Locator("#person-ledger");
        var perfect = ledger.Locator("tbody tr", new() { HasText = "Perfect call (5★)" }).First;
        await Expect(perfect.Locator(".tx-breakdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("×|capped"));
        Assert.Equal(0, await Page.Locator("#person-award").CountAsync());
        Assert.Equal(0, await ledger.GetByRole(AriaRole.Button, new() { Name = "Correct" }).CountAsync());

        await ChooseAsync("#person-type-filter", "Badge");
        await Expect(ledger.Locator("tbody tr").First).ToContainTextAsync("Badge");
        await Expect(ledger).Not.ToContainTextAsync("Perfect call (5★)");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Achievements" }).ClickAsync();
        await Expect(Page.Locator("#person-achievements")).ToContainTextAsync("Badge earned");
        await ScreenshotAsync("person-record-supervisor");

        // An admin corrects the perfect call: the dialog opens on "take back", its reason naming the entry.
        var entry = await Browser.App.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .Where(t => t.UserId == userId && t.Type == TransactionType.Activity).OrderByDescending(t => t.Id).FirstAsync());
        await Page.Context.ClearCookiesAsync();
        await SignInAndOpenAsync("admin@acme.test", $"/people/{userId}");
        var row = Page.Locator("#person-ledger tr", new() { HasText = $"#{entry.Id}" });
        await row.GetByRole(AriaRole.Button, new() { Name = $"Correct entry {entry.Id}" }).ClickAsync();
        await Expect(Page.Locator("#points-dialog")).ToBeVisibleAsync();
        await Expect(Page.Locator("#points-reason")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^Correction of entry #{entry.Id} "));
        await Page.Locator("#points-amount").FillAsync("10");
        await Page.Locator("#points-reason").FillAsync($"Correction of entry #{entry.Id}: the customer rated 4, not 5");
        await Page.Locator("#points-submit").ClickAsync();
        await Expect(Page.Locator("#points-result")).ToContainTextAsync("Took back 10 points");
        await Page.Locator("#points-done").ClickAsync();

        await Expect(Page.Locator("#person-ledger tbody tr").First).ToContainTextAsync($"Correction of entry #{entry.Id}: the customer rated 4, not 5");
        await Expect(Page.Locator("#person-ledger tbody tr").First).ToContainTextAsync("-10");
        var correction = await Browser.App.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .Where(t => t.UserId == userId && t.Type == TransactionType.AdminRevoke).OrderByDescending(t => t.Id).FirstAsync());
        Assert.Equal((-10L, $"Correction of entry #{entry.Id}: the customer rated 4, not 5"), (correction.Points, correction.Reason));
    }

    [Fact]
    public async Task An_unknown_person_reads_as_not_found()
    {
        await SignInAndOpenAsync("supervisor@acme.test", "/people/no-such-person");
        await Expect(Page.Locator("#person-not-found")).ToContainTextAsync("no such person");
    }
}
