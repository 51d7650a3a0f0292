using System.Security.Claims;

using Bunit;

using Gamification.Web.Components.Layout;

using MudBlazor.Services;

namespace Gamification.Tests.Components;

/// <summary>The navigation shows a link only for pages the user's role may open.</summary>
public sealed class NavMenuTests : BunitContext, IAsyncLifetime
{
    private static readonly string[] AllLinks =
    [
        "#nav-home", "#nav-dashboard", "#nav-badges", "#nav-challenges", "#nav-rewards", "#nav-leaderboard", "#nav-how-points", "#nav-wallboard", "#nav-people", "#nav-analytics-engagement", "#nav-analytics-behavior", "#nav-fair-play", "#nav-disputes", "#nav-admin-settings", "#nav-integration-keys", "#nav-admin-badges", "#nav-admin-challenges", "#nav-admin-rewards", "#nav-admin-redemptions", "#nav-points-admin", "#nav-audit", "#nav-tenants", "#nav-account",
    ];

    public NavMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only: xunit 2's synchronous Dispose would fail.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public void Agent_sees_their_dashboard_points_the_leaderboard_and_account_only()
    {
        var menu = RenderFor(Roles.Agent);

        AssertLinks(menu, "#nav-home", "#nav-dashboard", "#nav-badges", "#nav-challenges", "#nav-rewards", "#nav-leaderboard", "#nav-how-points", "#nav-account");
        Assert.Contains("My dashboard", menu.Find("#nav-home").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Supervisor_sees_people_the_boards_the_analytics_and_disputes_but_not_tenant_settings()
    {
        var menu = RenderFor(Roles.Supervisor);

        AssertLinks(menu, "#nav-home", "#nav-leaderboard", "#nav-how-points", "#nav-wallboard", "#nav-people", "#nav-analytics-engagement", "#nav-analytics-behavior", "#nav-fair-play", "#nav-disputes", "#nav-account");
        Assert.Contains("Overview", menu.Find("#nav-home").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Admin_sees_people_the_boards_the_analytics_disputes_and_the_admin_pages_but_not_tenants()
    {
        var menu = RenderFor(Roles.Admin);

        AssertLinks(menu, "#nav-home", "#nav-leaderboard", "#nav-how-points", "#nav-wallboard", "#nav-people", "#nav-analytics-engagement", "#nav-analytics-behavior", "#nav-fair-play", "#nav-disputes", "#nav-admin-settings", "#nav-integration-keys", "#nav-admin-badges", "#nav-admin-challenges", "#nav-admin-rewards", "#nav-admin-redemptions", "#nav-points-admin", "#nav-audit", "#nav-account");
    }

    [Fact]
    public void Operator_sees_tenants_but_no_tenant_pages()
    {
        var menu = RenderFor(Roles.Operator);

        AssertLinks(menu, "#nav-home", "#nav-tenants", "#nav-account");
        Assert.Contains("Platform", menu.Find("#nav-home").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_out_visitor_sees_no_links()
    {
        AddAuthorization().SetNotAuthorized();

        var menu = Render<NavMenu>();

        AssertLinks(menu);
    }

    [Fact]
    public void The_link_of_the_page_one_is_on_is_marked_active_and_follows_navigation()
    {
        var menu = RenderFor(Roles.Agent);
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        AssertCurrent(menu, "#nav-home");

        navigation.NavigateTo("dashboard/gamification?page=2");
        menu.WaitForAssertion(() => AssertCurrent(menu, "#nav-dashboard"));

        // Prefix links cover the pages under them; home is that page alone.
        navigation.NavigateTo("Account/Manage/Email");
        menu.WaitForAssertion(() => AssertCurrent(menu, "#nav-account"));
        navigation.NavigateTo("/");
        menu.WaitForAssertion(() => AssertCurrent(menu, "#nav-home"));
        navigation.NavigateTo("badges-archive");
        menu.WaitForAssertion(() => AssertCurrent(menu));
    }

    private static void AssertCurrent(IRenderedComponent<NavMenu> menu, params string[] expected)
    {
        var current = menu.FindAll("a[aria-current=page]").Select(a => "#" + a.Id).ToArray();
        Assert.Equal(expected, current);
        Assert.Equal(expected, menu.FindAll("a.active").Select(a => "#" + a.Id).ToArray());
    }

    private IRenderedComponent<NavMenu> RenderFor(string role)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized($"{role}@example.test");
        auth.SetRoles(role);
        if (Roles.TenantRoles.Contains(role))
        {
            // Tenant users always carry their tenant; the operator belongs to none.
            auth.SetClaims(new Claim(GamificationClaims.TenantId, Guid.NewGuid().ToString()));
        }
        return Render<NavMenu>();
    }

    private static void AssertLinks(IRenderedComponent<NavMenu> menu, params string[] expected)
    {
        foreach (var link in AllLinks)
        {
            var count = menu.FindAll(link).Count;
            if (expected.Contains(link))
            {
                Assert.True(count == 1, $"Expected one {link}, found {count}.");
            }
            else
            {
                Assert.True(count == 0, $"Expected no {link}, found {count}.");
            }
        }
    }
}
