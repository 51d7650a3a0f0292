namespace Gamification.Tests.Browser;

/// <summary>
/// An admin awards points from a person's record, then finds that change on the Audit trail page: by kind and by
/// person, with its values before and after, and downloads it as CSV. Supervisors have no Audit trail.
/// </summary>
public sealed class AuditTrailFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task An_admin_finds_an_award_in_the_audit_trail_filters_it_and_downloads_it()
    {
        var userId = await Browser.App.UserIdAsync("agent15@acme.test");
        var name = await Browser.App.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync());
        var reason = $"Audit walk {Guid.NewGuid():n}"[..18];

        await SignInAndOpenAsync("admin@acme.test", $"/people/{userId}");
        await Page.Locator("#person-award").ClickAsync();
        await Expect(Page.Locator("#points-dialog")).ToBeVisibleAsync();
        await Page.Locator("#points-amount").FillAsync("35");
        await Page.Locator("#points-reason").FillAsync(reason);
        await Page.Locator("#points-submit").ClickAsync();
        await Expect(Page.Locator("#points-result")).ToContainTextAsync("35");
        await Page.Locator("#points-done").ClickAsync();

        await Page.Locator("#nav-audit").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/admin/audit$"));
        await WaitUntilInteractiveAsync();
        await ChooseAsync("#audit-kind-filter", "Points awarded");
        var row = Page.Locator("#audit-table tbody tr", new() { HasText = reason });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".audit-actor")).ToHaveTextAsync("Adam Admin");
        await Expect(row.Locator(".audit-summary")).ToContainTextAsync($"Awarded 35 points to {name}");
        await Expect(row.Locator(".audit-changes")).ToContainTextAsync("current points");
        await Expect(Page.Locator("#audit-table tbody tr .audit-kind").First).ToHaveTextAsync("Points awarded");

        await ChooseAsync("#audit-actor-filter", "Adam Admin");
        await Expect(row).ToHaveCountAsync(1);
        await ScreenshotAsync("audit-trail");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#audit-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(await download.PathAsync())).TrimStart('\uFEFF');
        Assert.StartsWith("id,at,local_time,actor_id,actor,kind,", csv, StringComparison.Ordinal);
        Assert.Contains(reason, csv, StringComparison.Ordinal);
        Assert.All(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1), line => Assert.Contains(",points_awarded,", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_supervisor_has_no_audit_trail()
    {
        await SignInAndOpenAsync("supervisor@acme.test", "/");
        await Expect(Page.Locator("#nav-audit")).ToHaveCountAsync(0);
        await Page.GotoAsync("/admin/audit");
        await Expect(Page.Locator("#audit-table")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#audit-filters")).ToHaveCountAsync(0);
    }
}
