namespace Gamification.Tests.Browser;

/// <summary>An admin manages integration keys, awards points by hand, checks the ledger and changes settings.</summary>
public sealed class AdminPointsTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Admin_creates_an_integration_key_sees_it_once_and_revokes_it()
    {
        var name = $"Dialer {Guid.NewGuid():n}"[..14];
        await SignInAndOpenAsync("admin@acme.test", "/admin/integration-keys");

        await Page.Locator("#key-name").FillAsync(name);
        await Page.Locator("#key-create").ClickAsync();

        var value = Page.Locator("#key-created-value");
        await Expect(value).ToHaveValueAsync(new Regex("^gmk_.{40,}$"));
        var key = await value.InputValueAsync();
        await Expect(Page.GetByText("this is the only time it is shown")).ToBeVisibleAsync();
        Assert.NotNull(await AuthenticateAsync(key));

        await Page.Locator("#key-created-done").ClickAsync();
        await Expect(Page.Locator("#key-created-value")).ToHaveCountAsync(0);
        var row = Page.Locator("#keys-table tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("Active");
        await Expect(row).ToContainTextAsync(key[..12]);
        Assert.DoesNotContain(key, await Page.ContentAsync(), StringComparison.Ordinal);

        await Page.ReloadAsync();
        await WaitUntilInteractiveAsync();
        Assert.DoesNotContain(key, await Page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();

        await Expect(row).ToContainTextAsync("Revoked");
        Assert.Null(await AuthenticateAsync(key));
    }

    [Fact]
    public async Task Admin_awards_50_points_with_a_reason_from_the_people_page()
    {
        const string agent = "Yuki Tanaka";
        var before = await LifetimePointsAsync("agent14@acme.test");
        await SignInAndOpenAsync("admin@acme.test", "/people");
        await Page.Locator("#people-search").FillAsync("Yuki");

        var row = Page.Locator("#people-grid tr", new() { HasText = agent });
        await row.GetByRole(AriaRole.Button, new() { Name = $"Award or revoke points for {agent}" }).ClickAsync();
        await Expect(Page.Locator("#points-dialog")).ToBeVisibleAsync();

        await Page.Locator("#points-submit").ClickAsync();
        await Expect(Page.Locator("#points-error")).ToContainTextAsync("Nothing was awarded");

        await Page.Locator("#points-amount").FillAsync("50");
        await Page.Locator("#points-reason").FillAsync("Saved a customer the whole team had given up on");
        await Page.Locator("#points-submit").ClickAsync();

        await Expect(Page.Locator("#points-result")).ToContainTextAsync("Awarded 50 points");
        await Expect(Page.Locator("#points-result")).ToContainTextAsync($"lifetime {before + 50:N0}");
        await Page.Locator("#points-done").ClickAsync();

        await Expect(row).ToContainTextAsync($"{before + 50:N0}");
        Assert.Equal(before + 50, await LifetimePointsAsync("agent14@acme.test"));
        var entry = await Browser.App.WithDbAsync(db => db.PointTransactions.IgnoreQueryFilters()
            .Where(t => t.Type == TransactionType.AdminAward && t.Reason == "Saved a customer the whole team had given up on").SingleAsync());
        Assert.Equal(50, entry.Points);
        Assert.NotNull(entry.CreatedByUserId);
    }

    [Fact]
    public async Task Admin_runs_the_ledger_check_and_a_daily_job()
    {
        await SignInAndOpenAsync("admin@acme.test", "/admin/points");

        await Page.Locator("#ledger-check").ClickAsync();
        await Expect(Page.Locator("#ledger-result")).ToContainTextAsync("Clean");

        var jobs = Page.Locator("#jobs-table");
        await Expect(jobs).ToContainTextAsync("Points decay for inactive agents");
        await Expect(jobs).ToContainTextAsync("End streaks of agents who missed a day");
        await Page.Locator("#job-run-streak-expiry").ClickAsync();
        await Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Run now", Exact = true }).ClickAsync();
        await Expect(jobs.Locator("tr", new() { HasText = "End streaks" })).ToContainTextAsync("streaks ended");
    }

    [Fact]
    public async Task Admin_changes_a_setting_and_it_is_still_there_after_a_reload()
    {
        await SignInAndOpenAsync("admin@acme.test", "/admin/settings");
        var perCall = Page.Locator("#settings-points-per-call");
        var original = await perCall.InputValueAsync();
        try
        {
            // A bad value is refused with a message by the field and a summary; nothing is stored.
            await perCall.FillAsync("-5");
            await Page.Locator("#settings-save").ClickAsync();
            await Expect(Page.Locator("#settings-error")).ToContainTextAsync("Completed call");
            await Expect(Page.Locator("#settings-points")).ToContainTextAsync("from 0 to 10,000");
            Assert.Equal(int.Parse(original, System.Globalization.CultureInfo.InvariantCulture), await PointsPerCallAsync());

            await perCall.FillAsync(original);
            await Page.Locator("#settings-decay-period").FillAsync("45");
            await Page.Locator("#settings-save").ClickAsync();
            await Expect(Page.GetByText("Settings saved.")).ToBeVisibleAsync();
            await Expect(Page.Locator("#settings-error")).ToHaveCountAsync(0);

            await Page.ReloadAsync();
            await WaitUntilInteractiveAsync();
            await Expect(Page.Locator("#settings-decay-period")).ToHaveValueAsync("45");
            await Expect(Page.Locator("#settings-decay-example")).ToContainTextAsync("no activity for 45 days");
            await Expect(Page.Locator("#settings-preset")).ToContainTextAsync("Custom");
        }
        finally
        {
            // The browser tests share one app: put the rule back for the others.
            await RestoreDecayPeriodAsync(30);
        }
    }

    private async Task<ApiKeyIdentity?> AuthenticateAsync(string key)
    {
        await using var scope = Browser.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiKeyService>().AuthenticateAsync(key);
    }

    private Task<long> LifetimePointsAsync(string email) =>
        Browser.App.WithDbAsync(async db =>
        {
            var id = await db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            return await db.UserPoints.IgnoreQueryFilters().Where(p => p.UserId == id).Select(p => (long?)p.LifetimePoints).SingleOrDefaultAsync() ?? 0;
        });

    private async Task<int> PointsPerCallAsync()
    {
        var acme = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        return await Browser.App.WithDbAsync(db => db.GamificationConfigs.Select(c => c.PointsPerCall).SingleAsync(), acme);
    }

    private async Task RestoreDecayPeriodAsync(int days)
    {
        var acme = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        await using var scope = Browser.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(acme, null);
        await scope.ServiceProvider.GetRequiredService<TenantSettingsService>().UpdateAsync(new TenantSettingsInput { DecayPeriodDays = days });
    }
}
