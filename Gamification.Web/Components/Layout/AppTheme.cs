using MudBlazor;

namespace Gamification.Web.Components.Layout;

/// <summary>The one theme of the app: a calm indigo with warm accents for rewards.</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            // Every colour that carries text meets WCAG 2.1 AA (4.5:1) with white text on it and as text on the
            // page's background: the 700 shades of the warm accents, a secondary text dark enough for small print.
            Primary = "#4F46E5",
            Secondary = "#92400E",
            Tertiary = "#047857",
            Info = "#1D4ED8",
            Success = "#15803D",
            Warning = "#C2410C",
            Error = "#B91C1C",
            TextSecondary = "#4B5563",
            AppbarBackground = "#312E81",
            Background = "#F6F7FB",
            DrawerBackground = "#FFFFFF",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
