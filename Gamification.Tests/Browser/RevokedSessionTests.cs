namespace Gamification.Tests.Browser;

/// <summary>
/// A person with a page open loses it when an admin deactivates or demotes them: the open circuit re-checks its user
/// every <c>Auth:CircuitRevalidationSeconds</c> (30 s by default, 2 s in the browser fixture) and then sends them to
/// the sign-in page.
/// </summary>
public sealed class RevokedSessionTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string Password = "Circuit123!";

    /// <summary>The fixture's interval (2 s) with room for a busy two-core machine; the default would be 30 s.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Soon = new() { Timeout = 15_000 };

    [Fact]
    public async Task A_deactivated_agent_with_their_dashboard_open_is_sent_to_sign_in()
    {
        var acme = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var id = await InScopeAsync<PeopleService, string>(acme, people => people.CreateAsync(
            new PersonInput("circuit-agent@acme.test", "Casey Circuit", Roles.Agent, "agent-61", null, true, Password)));
        await SignInAsync("circuit-agent@acme.test", Password);
        await Expect(Page.Locator("#agent-name")).ToHaveTextAsync("Welcome back, Casey Circuit");
        await WaitUntilInteractiveAsync();

        await InScopeAsync<PeopleService, bool>(acme, async people =>
        {
            await people.UpdateAsync(id, new PersonInput(null, "Casey Circuit", Roles.Agent, "agent-61", null, IsActive: false));
            return true;
        });

        await Expect(Page.Locator("#sign-in")).ToBeVisibleAsync(Soon);
        await Expect(Page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
        await Expect(Page.Locator("#agent-name")).ToHaveCountAsync(0);
        // Signing in again is refused; the right password learns why.
        await SignInAsync("circuit-agent@acme.test", Password);
        await Expect(Page.Locator("#status-message")).ToHaveTextAsync("This account is deactivated. Ask your administrator.");
    }

    [Fact]
    public async Task A_demoted_admin_with_the_people_page_open_loses_it()
    {
        var acme = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        var id = await InScopeAsync<PeopleService, string>(acme, people => people.CreateAsync(
            new PersonInput("circuit-admin@acme.test", "Alex Circuit", Roles.Admin, null, null, true, Password)));
        await SignInAndOpenAsync("circuit-admin@acme.test", "/people", Password);
        await Expect(Page.Locator("#people-grid")).ToBeVisibleAsync();

        await InScopeAsync<PeopleService, bool>(acme, async people =>
        {
            await people.UpdateAsync(id, new PersonInput(null, "Alex Circuit", Roles.Agent, "agent-62", null));
            return true;
        });

        await Expect(Page.Locator("#sign-in")).ToBeVisibleAsync(Soon);
        await Expect(Page.Locator("#people-grid")).ToHaveCountAsync(0);
        // Signed in again, they are the agent they now are: no people page.
        await SignInAsync("circuit-admin@acme.test", Password);
        await Expect(Page.Locator("#agent-name")).ToHaveTextAsync("Welcome back, Alex Circuit");
        await Page.GotoAsync("/people");
        var refused = Page.Locator("#access-denied").Or(Page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" }));
        await Expect(refused).ToBeVisibleAsync();
        await Expect(Page.Locator("#people-grid")).ToHaveCountAsync(0);
    }
}
