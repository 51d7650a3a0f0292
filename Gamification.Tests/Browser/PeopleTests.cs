namespace Gamification.Tests.Browser;

/// <summary>An admin manages the tenant's people on the Teams &amp; people Page.</summary>
public sealed class PeopleTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Admin_adds_an_agent_who_then_signs_in()
    {
        await SignInAndOpenAsync("admin@acme.test", "/people", GamificationAppFactory.Password);

        await Page.Locator("#person-add").ClickAsync();
        await Page.Locator("#person-save").ClickAsync();
        await Expect(Page.Locator("#person-error")).ToContainTextAsync("could not be added");
        await Expect(Page.GetByText("A first password is required.")).ToBeVisibleAsync();

        await Page.Locator("#person-email").FillAsync("agent30@acme.test");
        await Page.Locator("#person-name").FillAsync("Quinn Harper");
        await Page.Locator("#person-external-id").FillAsync("agent-30");
        await Page.Locator("#person-password").FillAsync("Quinn123!");
        await Page.Locator("#person-save").ClickAsync();

        await Expect(Page.GetByText("Added. They can sign in now.")).ToBeVisibleAsync();
        await Expect(Page.Locator("#people-grid")).ToContainTextAsync("Quinn Harper");

        await Page.Context.ClearCookiesAsync();
        await SignInAsync("agent30@acme.test", "Quinn123!");
        await Expect(Page).Not.ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await Expect(Page.Locator("#agent-name")).ToHaveTextAsync("Welcome back, Quinn Harper");
        await Expect(Page.Locator("#no-activity")).ToBeVisibleAsync();
    }
}
