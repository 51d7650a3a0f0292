using System.Text.RegularExpressions;

using Gamification.Tests.Support;

using Microsoft.Playwright;

using static Microsoft.Playwright.Assertions;

namespace Gamification.Tests.Browser;

/// <summary>Signing in through the real sign-in page in Chromium, and what each role then sees.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserAppFixture browser) : IAsyncLifetime
{
    private IPage page = null!;

    public async Task InitializeAsync() => page = await browser.NewPageAsync();

    public Task DisposeAsync() => page.Context.CloseAsync();

    [Fact]
    public async Task Agent_signs_in_and_lands_on_their_dashboard()
    {
        await SignInAsync("agent01@acme.test");

        await Expect(page).ToHaveURLAsync(HomeUrl());
        await Expect(page.Locator("#agent-name")).ToContainTextAsync("Sarah Chen");
        await Expect(page.Locator("#agent-name")).ToHaveTextAsync("Welcome back, Sarah Chen");
    }

    [Fact]
    public async Task Admin_sees_the_admin_navigation_and_opens_tenant_settings()
    {
        await SignInAsync("admin@acme.test");
        await Expect(page.Locator("#landing-title")).ToContainTextAsync("Acme Contact Center");
        await Expect(page.Locator("#landing-context")).ToContainTextAsync("Adam Admin · Admin");

        await Expect(page.Locator("#nav-admin-settings")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav-people")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav-tenants")).ToHaveCountAsync(0);

        await WaitUntilInteractiveAsync();
        await page.Locator("#nav-admin-settings").ClickAsync();

        await Expect(page).ToHaveURLAsync(PathUrl("/admin/settings"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tenant settings" })).ToBeVisibleAsync();
        await Expect(page.Locator("#settings-points")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Wrong_password_shows_a_readable_error_and_stays_on_the_sign_in_page()
    {
        // Not agent01: a failed attempt counts towards lockout, and other tests sign in as agent01.
        await SignInAsync("agent02@acme.test", "Wrong-password1!");

        await Expect(page.Locator("#status-message")).ToContainTextAsync("The email address or password is incorrect.");
        await Expect(page).ToHaveURLAsync(PathUrl("/Account/Login"));
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await Expect(page.Locator("#main")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Operator_sees_the_tenants_link_and_the_tenant_list()
    {
        await SignInAsync("operator@platform.test");

        await Expect(page.Locator("#nav-tenants")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav-people")).ToHaveCountAsync(0);
        await Expect(page.Locator("#nav-admin-settings")).ToHaveCountAsync(0);

        await WaitUntilInteractiveAsync();
        await page.Locator("#nav-tenants").ClickAsync();

        await Expect(page).ToHaveURLAsync(PathUrl("/platform/tenants"));
        await Expect(page.Locator("#tenant-table")).ToContainTextAsync("Globex Support");
        await Expect(page.Locator("#tenant-table")).ToContainTextAsync("Acme Contact Center");
    }

    [Fact]
    public async Task Agent_opening_tenant_settings_directly_is_refused()
    {
        await SignInAsync("agent01@acme.test");
        await Expect(page.Locator("#agent-name")).ToBeVisibleAsync();

        await page.GotoAsync("/admin/settings");

        // Either the in-app notice or the Identity access-denied page, depending on which layer refuses first.
        var refused = page.Locator("#access-denied").Or(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" }));
        await Expect(refused).ToBeVisibleAsync();
        await Expect(page.Locator("#settings-points")).ToHaveCountAsync(0);
        await Expect(page.Locator("#nav-admin-settings")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_out_from_the_user_menu_returns_to_the_sign_in_page()
    {
        await SignInAsync("supervisor@acme.test");
        await Expect(page.Locator("#landing-title")).ToContainTextAsync("Acme Contact Center");
        await WaitUntilInteractiveAsync();

        await page.Locator(".user-menu button").First.ClickAsync();
        await page.Locator("#sign-out").ClickAsync();

        await Expect(page).ToHaveURLAsync(PathUrl("/Account/Login"));
        await Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        await page.GotoAsync("/people");
        await Expect(page).ToHaveURLAsync(PathUrl("/Account/Login"));
    }

    [Fact]
    public async Task Operator_creates_a_tenant_on_the_page_and_sees_readable_errors_first()
    {
        await SignInAsync("operator@platform.test");
        await page.GotoAsync("/platform/tenants");
        await WaitUntilInteractiveAsync();
        await Expect(page.Locator("#tenant-table")).ToContainTextAsync("Globex Support");

        // Nothing filled in: readable errors, nothing created.
        await page.Locator("#tenant-create").ClickAsync();
        await Expect(page.Locator("#tenant-error")).ToContainTextAsync("could not be created");
        await Expect(page.GetByText("The first admin's email address is required.")).ToBeVisibleAsync();

        await page.GetByLabel("Company name").FillAsync("Vandelay Calls");
        await page.GetByLabel("First admin's name").FillAsync("Art Vandelay");
        await page.GetByLabel("First admin's email").FillAsync("art@vandelay.test");
        await page.GetByLabel("First admin's password").FillAsync("Vandelay1!");
        await page.Locator("#tenant-create").ClickAsync();

        await Expect(page.GetByText("Created Vandelay Calls.")).ToBeVisibleAsync();
        await Expect(page.Locator("#tenant-table")).ToContainTextAsync("Vandelay Calls");
    }

    /// <summary>Fills the static sign-in form and submits it; a successful sign-in redirects away from it.</summary>
    private async Task SignInAsync(string email, string password = GamificationAppFactory.Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>The prerendered HTML ignores clicks: wait for the layout to mark the circuit as interactive.</summary>
    private Task WaitUntilInteractiveAsync() =>
        Expect(page.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();

    private Regex HomeUrl() => new($"^{Regex.Escape(browser.BaseUrl)}/?$");

    private Regex PathUrl(string path) => new($"^{Regex.Escape(browser.BaseUrl + path)}(\\?.*)?$", RegexOptions.IgnoreCase);
}
