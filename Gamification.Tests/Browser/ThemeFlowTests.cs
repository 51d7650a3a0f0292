using Gamification.Core.Users;

namespace Gamification.Tests.Browser;

/// <summary>
/// Dark mode as a person meets it (docs/accessibility.md, Dark mode): the app bar's toggle turns the pages dark and saves
/// the choice, which holds after a reload (already in the first HTML, no light flash); "as my device is set" on My points
/// follows the device, also when it changes. Uses Acme agent 8, which no other browser test touches, and puts the choice
/// back to system at the end.
/// </summary>
public sealed class ThemeFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string Email = "agent08@acme.test";
    private const string DarkBackground = "rgb(17, 24, 39)";
    private const string LightBackground = "rgb(246, 247, 251)";

    [Fact]
    public async Task The_toggle_turns_the_pages_dark_it_persists_after_reload_and_system_follows_the_device()
    {
        var userId = await Browser.App.UserIdAsync(Email);
        await SetThemeAsync(userId, ThemeChoice.System);
        try
        {
            await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await SignInAndOpenAsync(Email, "/dashboard/gamification");
            await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", "light");
            Assert.Equal(LightBackground, await BodyBackgroundAsync());

            await Page.Locator("#theme-toggle").ClickAsync();

            await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", "dark");
            await Expect(Page.Locator("#theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light mode");
            Assert.Equal(DarkBackground, await BodyBackgroundAsync());
            await Page.Locator("#preferences-toggle").ClickAsync();
            await Expect(Page.Locator("input#preferences-theme-dark, #preferences-theme-dark input")).ToBeCheckedAsync();
            Assert.Equal(ThemeChoice.Dark, await StoredAsync(userId));

            // After a reload the first HTML is already dark (the server knows the choice), and the live page stays dark.
            var html = await (await Page.APIRequest.GetAsync("/dashboard/gamification")).TextAsync();
            Assert.Contains("data-theme=\"dark\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("data-theme=\"light\"", html, StringComparison.Ordinal);
            await Page.ReloadAsync();
            await WaitUntilInteractiveAsync();
            await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", "dark");
            Assert.Equal(DarkBackground, await BodyBackgroundAsync());

            // "As my device is set": light while the device is light, dark as soon as it turns dark.
            await Page.Locator("#preferences-toggle").ClickAsync();
            await Page.Locator("#preferences-theme-system").ClickAsync();
            await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", "light");
            Assert.Equal(ThemeChoice.System, await StoredAsync(userId));
            await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
            await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", "dark");
            Assert.Equal(DarkBackground, await BodyBackgroundAsync());

            // The device's setting reaches the first HTML too (js/theme.js's cookie).
            html = await (await Page.APIRequest.GetAsync("/dashboard/gamification")).TextAsync();
            Assert.Contains("data-theme=\"dark\"", html, StringComparison.Ordinal);
        }
        finally
        {
            await SetThemeAsync(userId, ThemeChoice.System);
        }
    }

    [Fact]
    public async Task A_page_served_with_an_old_guess_of_the_device_turns_to_its_setting_once_live()
    {
        var userId = await Browser.App.UserIdAsync(Email);
        await SetThemeAsync(userId, ThemeChoice.System);
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await SignInAsync(Email);
        // The device turned dark after the cookie was written: the request still says light, so the first HTML is light
        // (js/theme.js writes the new cookie only once that page is loading).
        var origin = new Uri(Page.Url).GetLeftPart(UriPartial.Authority);
        await Page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "prefers-dark", Value = "0", Url = origin }]);
        var html = await (await Page.APIRequest.GetAsync("/dashboard/gamification")).TextAsync();
        Assert.Contains("data-theme=\"light\"", html, StringComparison.Ordinal);

        await Page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "prefers-dark", Value = "0", Url = origin }]);
        await OpenAsync("/dashboard/gamification");

        // Live, the page hears the device's setting and turns dark; and follows it back to light.
        await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Equal(DarkBackground, await BodyBackgroundAsync());
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await Expect(Page.Locator("#main")).ToHaveAttributeAsync("data-theme", "light");
        Assert.Equal(LightBackground, await BodyBackgroundAsync());
    }

    [Fact]
    public async Task The_sign_in_page_follows_the_device()
    {
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Page.GotoAsync("/Account/Login");
        Assert.Equal("rgb(31, 41, 55)", await Page.Locator(".account-card").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        Assert.Equal("rgb(255, 255, 255)", await Page.Locator(".account-card").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
    }

    private Task<string> BodyBackgroundAsync() =>
        Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private Task<ThemeChoice> StoredAsync(string userId) =>
        Browser.App.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == userId).Select(u => u.Theme).SingleAsync());

    private Task<int> SetThemeAsync(string userId, ThemeChoice theme) =>
        Browser.App.WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Theme, theme)));
}
