using Bunit;

using Gamification.Web.Components.Layout;

using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;

namespace Gamification.Tests.Components;

/// <summary>
/// The app bar's user menu: a WAI-ARIA menu button named by the person's name whose list (My account, Sign out) opens
/// on a click and closes with Escape, Tab or a click outside. The focus moves by the arrow keys in the browser
/// (<c>Browser.MenuKeyboardTests</c>).
/// </summary>
public sealed class UserMenuTests : MudTestContext
{
    public UserMenuTests()
    {
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
        AddAuthorization().SetAuthorized("agent1@example.test");
    }

    [Fact]
    public void The_user_menu_opens_my_account_and_sign_out_and_escape_tab_and_a_click_outside_close_it()
    {
        var menu = Render<UserMenu>();

        var button = menu.Find("#user-menu-button");
        Assert.Equal("agent1@example.test", button.TextContent.Trim());
        Assert.Null(button.GetAttribute("aria-label"));
        Assert.Equal(("menu", "false", null), (button.GetAttribute("aria-haspopup"), button.GetAttribute("aria-expanded"), button.GetAttribute("aria-controls")));
        Assert.Empty(menu.FindAll("[role=menu]"));
        Assert.Empty(menu.FindAll("#sign-out"));

        button.Click();
        button = menu.Find("#user-menu-button");
        Assert.Equal(("true", "user-menu-list"), (button.GetAttribute("aria-expanded"), button.GetAttribute("aria-controls")));
        var list = menu.Find("#user-menu-list");
        Assert.Equal(("menu", "user-menu-button"), (list.GetAttribute("role"), list.GetAttribute("aria-labelledby")));
        var items = list.QuerySelectorAll("[role=menuitem]");
        Assert.Equal(["My account", "Sign out"], items.Select(i => i.TextContent.Trim()));
        Assert.Equal("Account/Manage", items[0].GetAttribute("href"));
        Assert.Equal(("sign-out", "submit"), (items[1].Id, items[1].GetAttribute("type")));
        var form = menu.Find("form");
        Assert.Equal(("Account/Logout", "post"), (form.GetAttribute("action"), form.GetAttribute("method")));
        Assert.Equal("test-token", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.All(items, i => Assert.Equal("-1", i.GetAttribute("tabindex")));

        // The arrow keys move the focus in the browser: the list stays open.
        menu.Find("#sign-out").KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        Assert.Single(menu.FindAll("#user-menu-list"));
        menu.Find("#sign-out").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(menu.FindAll("#user-menu-list"));
        Assert.Equal("false", menu.Find("#user-menu-button").GetAttribute("aria-expanded"));

        menu.Find("#user-menu-button").Click();
        menu.Find("a[role=menuitem]").KeyDown(new KeyboardEventArgs { Key = "Tab" });
        Assert.Empty(menu.FindAll("#user-menu-list"));

        menu.Find("#user-menu-button").Click();
        Assert.Single(menu.FindAll("#user-menu-list"));
        menu.Find(".app-menu-overlay").Click();
        Assert.Empty(menu.FindAll("#user-menu-list"));

        // The button toggles it too.
        menu.Find("#user-menu-button").Click();
        Assert.Single(menu.FindAll("#user-menu-list"));
        menu.Find("#user-menu-button").Click();
        Assert.Empty(menu.FindAll("#user-menu-list"));
    }

    /// <summary>The form token a rendered page would carry.</summary>
    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
