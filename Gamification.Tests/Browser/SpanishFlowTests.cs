namespace Gamification.Tests.Browser;

/// <summary>
/// An agent who reads Spanish (their choice on My account) works in Spanish in Chromium: the page says its language to
/// screen readers, and the navigation, the app bar's points and theme switch, the ledger's formulas and the shop read
/// in Spanish, with no English left in them. Uses Globex agent 02, whom no other browser test signs in as.
/// </summary>
public sealed class SpanishFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string Agent = "agent02@globex.test";

    [Fact]
    public async Task An_agent_who_reads_Spanish_sees_the_dashboard_the_app_bar_and_the_shop_in_Spanish()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.GlobexName);
        var userId = await Browser.App.UserIdAsync(Agent);
        await SetLanguageAsync(userId, "es");
        try
        {
            await InScopeAsync(tenantId, (PointsEngine engine) => engine.AwardAsync(tenantId,
                new PointsGrant(userId, TransactionType.AdminAward, 1500, "Bienvenida"), CancellationToken.None));
            await SignInAndOpenAsync(Agent, "/dashboard/gamification");

            await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "es");
            var nav = Page.Locator("#nav");
            await Expect(nav).ToContainTextAsync("Mis puntos");
            await Expect(nav).ToContainTextAsync("Tienda de premios");
            await Expect(nav).Not.ToContainTextAsync("My points");
            await Expect(Page.Locator("#points-indicator")).ToHaveAttributeAsync("title", new Regex("^Mis puntos: [0-9.]+ para gastar, [0-9.]+ de [0-9.]+ hoy"));
            await Expect(Page.Locator("#theme-toggle")).ToHaveAttributeAsync("aria-label", new Regex("^Cambiar al modo (claro|oscuro)$"));
            // The award, and the badge it unlocked (its reward is the newest entry), each explained in Spanish.
            await Expect(Page.Locator(".tx-breakdown", new() { HasText = "+1.500 otorgados por un administrador" })).ToHaveCountAsync(1);
            await Expect(Page.Locator(".tx-breakdown").First).ToContainTextAsync("recompensa por insignia");
            await Expect(Page.Locator("#main")).Not.ToContainTextAsync("awarded by an admin");

            await OpenAsync("/rewards");
            await Expect(Page.Locator("#main .page-title").First).ToHaveTextAsync("Tienda de premios");
            await Expect(Page).ToHaveTitleAsync(new Regex("Tienda de premios"));
            await Expect(Page.Locator("#main")).Not.ToContainTextAsync("Rewards shop");
        }
        finally
        {
            await SetLanguageAsync(userId, null);
        }
    }

    [Fact]
    public async Task An_agent_who_chooses_Spanish_in_My_preferences_gets_the_dashboard_again_in_Spanish_with_them_open()
    {
        const string chooser = "agent03@globex.test";
        var userId = await Browser.App.UserIdAsync(chooser);
        await SetLanguageAsync(userId, null);
        try
        {
            await SignInAndOpenAsync(chooser, "/dashboard/gamification");
            await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await ScreenshotAsync("dashboard-preferences-closed");
            await Page.Locator("#preferences-toggle").ClickAsync();
            await Page.Locator("#preferences-language-es").ClickAsync();

            // The page loads again (a circuit keeps the language it started with), in Spanish, My preferences open.
            await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "es");
            await Expect(Page.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();
            Assert.Contains("show=preferences", Page.Url, StringComparison.Ordinal);
            await Expect(Page.Locator("#preferences-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
            await Expect(Page.Locator("#preferences-toggle")).ToContainTextAsync("Tu privacidad y recordatorios");
            await Expect(Page.Locator("#preferences-language-label")).ToHaveTextAsync("Idioma");
            await ScreenshotAsync("dashboard-preferences-open-es");
            Assert.Equal("es", await Browser.App.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => u.Language).SingleAsync()));
        }
        finally
        {
            await SetLanguageAsync(userId, null);
        }
    }

    private Task<int> SetLanguageAsync(string userId, string? language) =>
        Browser.App.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Language, language)));
}
