using Gamification.Web.Components.Shared;

using Microsoft.AspNetCore.Components;

using MudBlazor;

using static Gamification.Web.Components.Shared.HtmlText;

namespace Gamification.Web.Components.Pages.Dashboard;

/// <summary>
/// Parts of the agent's dashboard that read the same for every agent in a language (a card's icon and caption, a tier's
/// medal, a button's icon and label, the type filter's frame) as one piece of markup each, shared by every tab, instead
/// of elements in each tab's render tree, which keeps every element of a page it drew twice over (its current and
/// previous tree): the page stays under 512 frames (docs/performance.md, Memory per open dashboard). The markup is what
/// the elements drew; every text is encoded.
/// </summary>
internal static class DashboardMarkup
{
    // Icons, colours, tiers, levels and resource texts in each language (the day in "Today, Sat 5 Dec"): a small set.
    private static readonly BoundedCache<(string Icon, Color Color, string Text), MarkupString> Headings = new(1024);
    private static readonly BoundedCache<(string TierClass, string Icon, int Level), MarkupString> Medals = new(1024);
    private static readonly BoundedCache<(string Icon, string Text), MarkupString> Labels = new(256);
    private static readonly BoundedCache<string, MarkupString> PlainLabels = new(256);
    private static readonly BoundedCache<string, MarkupString> Outlines = new(256);
    private static readonly BoundedCache<(string For, string Text), MarkupString> InputLabels = new(256);

    /// <summary>A stat card's first line: its icon in a small filled avatar of <paramref name="color"/>, and its caption.</summary>
    public static MarkupString CardHeading(string icon, Color color, string caption) =>
        Headings.Get((icon, color, caption), 0, static (k, _) => new MarkupString(
            "<div class=\"d-flex align-center gap-2\"><div class=\"mud-avatar mud-avatar-small mud-avatar-filled mud-avatar-filled-"
            + k.Color.ToString().ToLowerInvariant() + $" mud-elevation-0\">{Svg.Icon(k.Icon, null, null, Size.Small).Value}</div>"
            + $"<span class=\"mud-typography mud-typography-caption mud-text-secondary\">{Encode(k.Text)}</span></div>"));

    /// <summary>The level card's medal: the tier's colours (<paramref name="tierClass"/>), its icon and the level's number.</summary>
    public static MarkupString TierMedal(string tierClass, string icon, int level) =>
        Medals.Get((tierClass, icon, level), 0, static (k, _) => new MarkupString(
            $"<div class=\"tier-medal {Encode(k.TierClass)}\" aria-hidden=\"true\">{Svg.Icon(k.Icon).Value}"
            + $"<span class=\"tier-medal-level\">{k.Level}</span></div>"));

    /// <summary>A text button's label (MudButton's <c>mud-button-label</c> span) reading <paramref name="text"/>.</summary>
    public static MarkupString ButtonLabel(string text) =>
        PlainLabels.Get(text, 0, static (k, _) => new MarkupString($"<span class=\"mud-button-label\">{Encode(k)}</span>"));

    /// <summary>A small text button's label with its icon at the start (MudButton's <c>StartIcon</c>).</summary>
    public static MarkupString StartIconLabel(string icon, string text) =>
        Labels.Get((icon, text), 0, static (k, _) => new MarkupString(
            $"<span class=\"mud-button-label\"><span class=\"mud-button-icon-start mud-button-icon-size-small\">{Svg.Icon(k.Icon, null, null, Size.Small).Value}</span>"
            + $"{Encode(k.Text)}</span>"));

    /// <summary>An outlined input's border with its label's room (MudBlazor's fieldset and legend).</summary>
    public static MarkupString Outline(string label) =>
        Outlines.Get(label, 0, static (k, _) => new MarkupString(
            $"<fieldset class=\"mud-input-outlined-border\" aria-hidden=\"true\"><legend>{Encode(k)}</legend></fieldset>"));

    /// <summary>An outlined dense input's label for the input <paramref name="forId"/> (MudBlazor's classes).</summary>
    public static MarkupString InputLabel(string forId, string text) =>
        InputLabels.Get((forId, text), 0, static (k, _) => new MarkupString(
            "<label class=\"mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense mud-input-label-inputcontrol\""
            + $" for=\"{Encode(k.For)}\">{Encode(k.Text)}</label>"));
}
