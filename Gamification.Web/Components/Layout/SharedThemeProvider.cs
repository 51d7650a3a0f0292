using System.Collections.Concurrent;

using Microsoft.AspNetCore.Components.Rendering;

using MudBlazor;

namespace Gamification.Web.Components.Layout;

/// <summary>
/// <see cref="MudThemeProvider"/> (the same parameters) whose CSS is built once per theme
/// and palette and shared by every circuit. MudThemeProvider builds its theme's CSS variables (about 12,000 characters)
/// again on every render, and each open tab kept two copies in its render trees for as long as it stayed open
/// (docs/performance.md, Memory per open dashboard); here every tab refers to the one string. The markup is
/// MudThemeProvider's own (its scrollbar, chart and theme styles, from its own builders), which
/// <c>SharedThemeProviderTests</c> checks against it.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private const int MaxThemes = 16;

    // MudThemeProvider's chart hover rule, as it writes it.
    private const string ChartStyle = "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    private static readonly string Scrollbar = BuildMudBlazorScrollbar();
    private static readonly ConcurrentDictionary<(MudTheme Theme, bool Dark), string> Css = new();

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        if (!DefaultScrollbar)
        {
            __builder.AddMarkupContent(0, Scrollbar);
        }
        __builder.AddMarkupContent(1, ChartStyle);
        __builder.AddMarkupContent(2, ThemeCss());
    }

    /// <summary>The theme's CSS for the palette shown now, built by MudThemeProvider the first time it is asked for.</summary>
    private string ThemeCss()
    {
        // The parameter as the layout set it: the provider never changes it itself here (nothing binds IsDarkModeChanged;
        // the device's setting comes to ThemeState from js/theme.js through the layout, which sets the parameter).
#pragma warning disable MUD0010
        return Shared(Theme ?? AppTheme.Theme, IsDarkMode, BuildTheme);
#pragma warning restore MUD0010
    }

    /// <summary>The one string of <paramref name="theme"/>'s CSS in one palette, built by <paramref name="build"/> once.</summary>
    internal static string Shared(MudTheme theme, bool dark, Func<string> build)
    {
        var key = (theme, dark);
        if (Css.TryGetValue(key, out var css))
        {
            return css;
        }
        css = build();
        // The app has one theme (two palettes); the bound keeps a caller that builds themes on the fly from growing it.
        return Css.Count < MaxThemes ? Css.GetOrAdd(key, css) : css;
    }
}
