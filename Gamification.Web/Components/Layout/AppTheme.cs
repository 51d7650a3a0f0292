using MudBlazor;

namespace Gamification.Web.Components.Layout;

/// <summary>The one theme of the app: a calm indigo with warm accents for rewards, light and dark (docs/accessibility.md).</summary>
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
        PaletteDark = new PaletteDark
        {
            // The same hues, lightened until each meets WCAG 2.1 AA (4.5:1) as text on the surface (#1F2937) and the
            // background (#111827), with near-black text on the filled colours (MudBlazor's default is white on them).
            Primary = "#A5B4FC",
            PrimaryContrastText = "#111827",
            Secondary = "#FCD34D",
            SecondaryContrastText = "#111827",
            Tertiary = "#6EE7B7",
            TertiaryContrastText = "#111827",
            Info = "#93C5FD",
            InfoContrastText = "#111827",
            Success = "#86EFAC",
            SuccessContrastText = "#111827",
            Warning = "#FDBA74",
            WarningContrastText = "#111827",
            Error = "#FCA5A5",
            ErrorContrastText = "#111827",
            Dark = "#E5E7EB",
            DarkContrastText = "#111827",
            // Tooltips: MudBlazor writes them in the dark colour's text (near-black here) on this grey (#616161 by
            // default, 2.9:1); the light grey of the dark colour makes 14:1.
            GrayDarker = "#E5E7EB",
            TextPrimary = "#F3F4F6",
            TextSecondary = "#D1D5DB",
            TextDisabled = "rgba(243,244,246,0.5)",
            ActionDefault = "#D1D5DB",
            ActionDisabled = "rgba(243,244,246,0.38)",
            ActionDisabledBackground = "rgba(243,244,246,0.12)",
            Background = "#111827",
            BackgroundGray = "#273244",
            Surface = "#1F2937",
            DrawerBackground = "#1F2937",
            DrawerText = "#F3F4F6",
            DrawerIcon = "#D1D5DB",
            AppbarBackground = "#1E1B4B",
            AppbarText = "#FFFFFF",
            LinesDefault = "rgba(243,244,246,0.16)",
            LinesInputs = "#9CA3AF",
            TableLines = "rgba(243,244,246,0.12)",
            TableStriped = "rgba(243,244,246,0.04)",
            TableHover = "rgba(243,244,246,0.06)",
            Divider = "rgba(243,244,246,0.16)",
            DividerLight = "rgba(243,244,246,0.08)",
            OverlayDark = "rgba(0,0,0,0.6)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
