using Bunit;

using Gamification.Web.Components.Layout;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The layout's theme provider shares one CSS string per palette between circuits; it must draw exactly what
/// MudThemeProvider draws (so a MudBlazor update that changes its styles is caught here, not by a page that looks wrong).
/// </summary>
public sealed class SharedThemeProviderTests : MudTestContext
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void It_draws_what_MudThemeProvider_draws_for_the_apps_theme_in_both_palettes(bool dark)
    {
        var mud = Render<MudThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, dark));
        var shared = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, dark));

        Assert.Contains(dark ? "--mud-native-html-color-scheme: dark" : "--mud-native-html-color-scheme: light", shared.Markup, StringComparison.Ordinal);
        shared.MarkupMatches(mud.Markup);
    }

    [Fact]
    public void The_first_tab_draws_a_palette_through_MudThemeProvider_and_the_next_from_the_kept_css_the_same()
    {
        var theme = new MudTheme { PaletteLight = new PaletteLight { Primary = "#123456" } };
        var mud = Render<MudThemeProvider>(p => p.Add(t => t.Theme, theme));

        var first = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, theme));
        var second = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, theme));

        Assert.Single(first.FindComponents<MudThemeProvider>());
        Assert.Empty(second.FindComponents<MudThemeProvider>());
        Assert.Contains("--mud-palette-primary: rgba(18,52,86,1)", second.Markup, StringComparison.Ordinal);
        first.MarkupMatches(mud.Markup);
        second.MarkupMatches(mud.Markup);
    }

    [Fact]
    public void Every_circuit_showing_a_palette_gets_the_one_string_built_once_and_the_other_palette_its_own()
    {
        var theme = new MudTheme();
        var built = 0;
        string Build() => $"<style class='mud-theme-provider'>{++built}</style>";

        var first = SharedThemeProvider.Shared(theme, dark: false, Build);
        var second = SharedThemeProvider.Shared(theme, dark: false, Build);
        var dark = SharedThemeProvider.Shared(theme, dark: true, Build);

        Assert.Same(first, second);
        Assert.NotEqual(first, dark);
        Assert.Equal(2, built);
    }
}
