using MudBlazor;

namespace Gamification.Web.Components.Layout;

/// <summary>The one theme of the app: a calm indigo with warm accents for rewards.</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4F46E5",
            Secondary = "#F59E0B",
            Tertiary = "#10B981",
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
