using System.Text.RegularExpressions;

using Gamification.Tests.Support;

using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace Gamification.Tests.Browser;

/// <summary>An admin manages the tenant's people on the Teams &amp; people page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PeopleTests(BrowserAppFixture browser) : IAsyncLifetime
{
    private IPage page = null!;

    public async Task InitializeAsync() => page = await browser.NewPageAsync();

    public Task DisposeAsync() => page.Context.CloseAsync();

    [Fact]
    public async Task Admin_adds_an_agent_who_then_signs_in()
    {
        await SignInAsync("admin@acme.test", GamificationAppFactory.Password);
        await page.GotoAsync("/people");
        await Expect(page.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();

        await page.Locator("#person-add").ClickAsync();
        await page.Locator("#person-save").ClickAsync();
        await Expect(page.Locator("#person-error")).ToContainTextAsync("could not be added");
        await Expect(page.GetByText("A first password is required.")).ToBeVisibleAsync();

        await page.Locator("#person-email").FillAsync("agent30@acme.test");
        await page.Locator("#person-name").FillAsync("Quinn Harper");
        await page.Locator("#person-external-id").FillAsync("agent-30");
        await page.Locator("#person-password").FillAsync("Quinn123!");
        await page.Locator("#person-save").ClickAsync();

        await Expect(page.GetByText("Added. They can sign in now.")).ToBeVisibleAsync();
        await Expect(page.Locator("#people-grid")).ToContainTextAsync("Quinn Harper");

        await page.Context.ClearCookiesAsync();
        await SignInAsync("agent30@acme.test", "Quinn123!");
        await Expect(page.Locator("#agent-name")).ToHaveTextAsync("Welcome back, Quinn Harper");
        await Expect(page.Locator("#no-activity")).ToBeVisibleAsync();
    }

    private async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
    }
}
