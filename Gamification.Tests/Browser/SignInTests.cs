namespace Gamification.Tests.Browser;

/// <summary>Signing in through the real sign-in page in Chromium, and what each role then sees.</summary>
public sealed class SignInTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task Agent_signs_in_and_lands_on_their_dashboard()
    {
        await SignInAsync("agent01@acme.test");

        await Expect(Page).ToHaveURLAsync(HomeUrl());
        await Expect(Page.Locator("#agent-name")).ToContainTextAsync("Sarah Chen");
        await Expect(Page.Locator("#agent-name")).ToHaveTextAsync("Welcome back, Sarah Chen");
    }

    [Fact]
    public async Task Admin_sees_the_admin_navigation_and_opens_tenant_settings()
    {
        await SignInAsync("admin@acme.test");
        await Expect(Page.Locator("#landing-title")).ToContainTextAsync("Acme Contact Center");
        await Expect(Page.Locator("#landing-context")).ToContainTextAsync("Adam Admin · Admin");

        await Expect(Page.Locator("#nav-admin-settings")).ToBeVisibleAsync();
        await Expect(Page.Locator("#nav-people")).ToBeVisibleAsync();
        await Expect(Page.Locator("#nav-tenants")).ToHaveCountAsync(0);

        await WaitUntilInteractiveAsync();
        await Page.Locator("#nav-admin-settings").ClickAsync();

        await Expect(Page).ToHaveURLAsync(PathUrl("/admin/settings"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Tenant settings" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#settings-points")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Wrong_password_shows_a_readable_error_and_stays_on_the_sign_in_page()
    {
        // Not agent01: a failed attempt counts towards lockout, and other tests sign in as agent01.
        await SignInAsync("agent02@acme.test", "Wrong-password1!");

        await Expect(Page.Locator("#status-message")).ToContainTextAsync("The email address or password is incorrect.");
        await Expect(Page).ToHaveURLAsync(PathUrl("/Account/Login"));
        await Expect(Page.Locator("#sign-in")).ToBeVisibleAsync();
        await Expect(Page.Locator("#main")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Operator_sees_the_tenants_link_and_the_tenant_list()
    {
        await SignInAsync("operator@platform.test");

        await Expect(Page.Locator("#nav-tenants")).ToBeVisibleAsync();
        await Expect(Page.Locator("#nav-people")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#nav-admin-settings")).ToHaveCountAsync(0);

        await WaitUntilInteractiveAsync();
        await Page.Locator("#nav-tenants").ClickAsync();

        await Expect(Page).ToHaveURLAsync(PathUrl("/platform/tenants"));
        await Expect(Page.Locator("#tenant-table")).ToContainTextAsync("Globex Support");
        await Expect(Page.Locator("#tenant-table")).ToContainTextAsync("Acme Contact Center");
    }

    [Fact]
    public async Task Agent_opening_tenant_settings_directly_is_refused()
    {
        await SignInAsync("agent01@acme.test");
        await Expect(Page.Locator("#agent-name")).ToBeVisibleAsync();

        await Page.GotoAsync("/admin/settings");

        // Either the in-app notice or the Identity access-denied page, depending on which layer refuses first.
        var refused = Page.Locator("#access-denied").Or(Page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" }));
        await Expect(refused).ToBeVisibleAsync();
        await Expect(Page.Locator("#settings-points")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#nav-admin-settings")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_out_from_the_user_menu_returns_to_the_sign_in_page()
    {
        await SignInAsync("supervisor@acme.test");
        await Expect(Page.Locator("#landing-title")).ToContainTextAsync("Acme Contact Center");
        await WaitUntilInteractiveAsync();

        // On a loaded machine the first click can land while the menu is still wiring up: open it until it shows.
        for (var attempt = 1; !await Page.Locator("#sign-out").IsVisibleAsync(); attempt++)
        {
            await Page.Locator(".user-menu button").First.ClickAsync();
            try
            {
                await Page.Locator("#sign-out").WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
        await Page.Locator("#sign-out").ClickAsync();

        await Expect(Page).ToHaveURLAsync(PathUrl("/Account/Login"));
        await Expect(Page.GetByText("You have signed out.")).ToBeVisibleAsync();
        await Page.GotoAsync("/people");
        await Expect(Page).ToHaveURLAsync(PathUrl("/Account/Login"));
    }

    [Fact]
    public async Task Operator_creates_a_tenant_on_the_page_and_sees_readable_errors_first()
    {
        await SignInAndOpenAsync("operator@platform.test", "/platform/tenants");
        await Expect(Page.Locator("#tenant-table")).ToContainTextAsync("Globex Support");

        // Nothing filled in: readable errors, nothing created.
        await Page.Locator("#tenant-create").ClickAsync();
        await Expect(Page.Locator("#tenant-error")).ToContainTextAsync("could not be created");
        await Expect(Page.GetByText("The first admin's email address is required.")).ToBeVisibleAsync();

        await Page.GetByLabel("Company name").FillAsync("Vandelay Calls");
        await Page.GetByLabel("First admin's name").FillAsync("Art Vandelay");
        await Page.GetByLabel("First admin's email").FillAsync("art@vandelay.test");
        await Page.GetByLabel("First admin's password").FillAsync("Vandelay1!");
        await Page.Locator("#tenant-create").ClickAsync();

        await Expect(Page.GetByText("Created Vandelay Calls.")).ToBeVisibleAsync();
        await Expect(Page.Locator("#tenant-table")).ToContainTextAsync("Vandelay Calls");
    }

    private Regex HomeUrl() => new($"^{Regex.Escape(Browser.BaseUrl)}/?$");

    private Regex PathUrl(string path) => new($"^{Regex.Escape(Browser.BaseUrl + path)}(\\?.*)?$", RegexOptions.IgnoreCase);
}
