using Microsoft.AspNetCore.Components;

using MudBlazor;

using static Gamification.Web.Components.Shared.HtmlText;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// A Material icon drawn as the same <c>&lt;svg&gt;</c> that <see cref="MudIcon"/> draws, but as one piece of markup in
/// the page that shows it instead of a component of its own. Every component and every element an open page holds costs
/// its circuit memory for as long as the tab is open (twice: its current and previous render trees); a MudIcon is a
/// component with a tree of seven frames and MudBlazor's attribute dictionaries, this is one frame whose text is shared
/// by every circuit (docs/performance.md, Memory per open dashboard). An agent's dashboard drew 64 icons.
/// </summary>
public static class Svg
{
    // The icons, classes and styles come from the code, so the set is small; the bound only guards against a caller
    // that builds styles from data.
    private static readonly BoundedCache<(string Icon, string? Class, string? Style, Size Size), MarkupString> Cache = new(4096);

    /// <summary>
    /// The icon <paramref name="icon"/> (one of MudBlazor's <c>Icons</c> or <see cref="BadgeIcon"/>'s glyphs: trusted
    /// markup, never a user's text), hidden from assistive technology like <see cref="MudIcon"/> (the text beside it names
    /// it); <paramref name="size"/>, <paramref name="cssClass"/> and <paramref name="style"/> as MudIcon's.
    /// </summary>
    public static MarkupString Icon(string icon, string? cssClass = null, string? style = null, Size size = Size.Medium)
    {
        ArgumentNullException.ThrowIfNull(icon);
        return Cache.Get((icon, cssClass, style, size), 0, static (k, _) => new MarkupString(Build(k.Icon, k.Class, k.Style, k.Size)));
    }

    private static string Build(string icon, string? cssClass, string? style, Size size)
    {
        var root = size switch
        {
            Size.Small => "mud-icon-root mud-svg-icon mud-icon-size-small",
            Size.Large => "mud-icon-root mud-svg-icon mud-icon-size-large",
            _ => "mud-icon-root mud-svg-icon mud-icon-size-medium",
        };
        var classes = string.IsNullOrEmpty(cssClass) ? root : $"{root} {cssClass}";
        var styleAttribute = string.IsNullOrEmpty(style) ? "" : $" style=\"{HtmlText.Encode(style)}\"";
        return $"<svg class=\"{HtmlText.Encode(classes)}\"{styleAttribute} focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon}</svg>";
    }
}
