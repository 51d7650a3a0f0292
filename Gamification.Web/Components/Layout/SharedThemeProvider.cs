using Gamification.Web.Components.Shared;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

using MudBlazor;

namespace Gamification.Web.Components.Layout;

/// <summary>
/// What <see cref="MudThemeProvider"/> draws (its scrollbar, chart and theme styles) for a theme and palette, built once
/// and shared by every circuit. MudThemeProvider builds its theme's CSS variables (about 12,000 characters) again on every
/// render, and each open tab kept two copies in its render trees; it also holds a default theme of its own (two palettes of
/// MudColors, typography) in every tab. Here every tab is a small component referring to the one string; only the first
/// tab to show a palette draws it through <see cref="Builder"/>, a MudThemeProvider, whose own builders write it
/// (docs/performance.md, Memory per open dashboard). <c>SharedThemeProviderTests</c> checks the markup against MudThemeProvider's.
/// </summary>
public sealed class SharedThemeProvider : ComponentBase
{
    // MudThemeProvider's chart hover rule, as it writes it.
    private const string ChartStyle = "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    // The app has one theme (two palettes); the bound keeps a caller that builds themes on the fly from growing it.
    private static readonly BoundedCache<(MudTheme Theme, bool Dark), string> Css = new(16);

    /// <summary>The theme (MudThemeProvider's <c>Theme</c>); the app's when not set.</summary>
    [Parameter] public MudTheme? Theme { get; set; }

    /// <summary>The dark palette (MudThemeProvider's <c>IsDarkMode</c>).</summary>
    [Parameter] public bool IsDarkMode { get; set; }

    /// <summary>The browser's own scrollbars instead of MudBlazor's (MudThemeProvider's <c>DefaultScrollbar</c>).</summary>
    [Parameter] public bool DefaultScrollbar { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var theme = Theme ?? AppTheme.Theme;
        if (Css.TryGet((theme, IsDarkMode), out var css))
        {
            if (!DefaultScrollbar)
            {
                builder.AddMarkupContent(0, Builder.Scrollbar);
            }
            builder.AddMarkupContent(1, ChartStyle);
            builder.AddMarkupContent(2, css);
            return;
        }
        // Not built yet: MudThemeProvider itself draws it, and keeps it for every later render and tab.
        builder.OpenComponent<Builder>(3);
        builder.AddComponentParameter(4, nameof(Builder.Theme), theme);
        builder.AddComponentParameter(5, nameof(Builder.IsDarkMode), IsDarkMode);
        builder.AddComponentParameter(6, nameof(Builder.DefaultScrollbar), DefaultScrollbar);
        builder.AddComponentParameter(7, nameof(Builder.ObserveSystemDarkModeChange), false);
        builder.CloseComponent();
    }

    internal static string Shared(MudTheme theme, bool dark, Func<string> build) =>
        Css.Get((theme, dark), build, static (_, build) => build());

    /// <summary>MudThemeProvider, drawing with its own builders and keeping the theme's CSS for <see cref="SharedThemeProvider"/>.</summary>
    private sealed class Builder : MudThemeProvider
    {
        internal static readonly string Scrollbar = BuildMudBlazorScrollbar();

        protected override void BuildRenderTree(RenderTreeBuilder __builder)
        {
            ArgumentNullException.ThrowIfNull(__builder);
            if (!DefaultScrollbar)
            {
                __builder.AddMarkupContent(0, Scrollbar);
            }
            __builder.AddMarkupContent(1, ChartStyle);
            // The parameters as the provider set them: it never changes them itself here (nothing binds IsDarkModeChanged).
#pragma warning disable MUD0010
            __builder.AddMarkupContent(2, Shared(Theme ?? AppTheme.Theme, IsDarkMode, BuildTheme));
#pragma warning restore MUD0010
        }
    }
}
