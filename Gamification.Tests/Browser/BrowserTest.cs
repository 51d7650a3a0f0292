using Gamification.Tests.Support;

using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace Gamification.Tests.Browser;

/// <summary>A page in its own browser context per test, and the steps every browser test shares.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserAppFixture browser) : IAsyncLifetime
{
    protected BrowserAppFixture Browser { get; } = browser;

    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync() => Page = await Browser.NewPageAsync();

    public Task DisposeAsync() => Page.Context.CloseAsync();

    /// <summary>Fills the static sign-in form and submits it; a successful sign-in redirects away from it.</summary>
    protected async Task SignInAsync(string email, string password = GamificationAppFactory.Password)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.Locator("#Input\\.Email").FillAsync(email);
        await Page.Locator("#Input\\.Password").FillAsync(password);
        await Page.Locator("#sign-in").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>The prerendered HTML ignores clicks: wait for the layout to mark the circuit as interactive.</summary>
    protected Task WaitUntilInteractiveAsync() =>
        Expect(Page.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();
}
