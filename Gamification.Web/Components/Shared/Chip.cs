using Microsoft.AspNetCore.Components;

using MudBlazor;

using static Gamification.Web.Components.Shared.HtmlText;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// A small text chip that does nothing when clicked (the dashboard's streak bonus): the markup a <see cref="MudChip{T}"/>
/// with <c>Size.Small</c> and <c>Variant.Text</c> draws, as one piece of markup shared by every tab showing the same
/// text instead of a component in each (docs/performance.md, Memory per open dashboard). MudChip's container also carries
/// a random id, which nothing reads for a chip that is not clicked or closed.
/// </summary>
public static class Chip
{
    // Texts come from the resources in each language with a figure or two: a small set.
    private static readonly BoundedCache<(Color Color, string? Class, string Text), MarkupString> Cache = new(1024);

    /// <summary>The chip in <paramref name="color"/> reading <paramref name="text"/> (encoded).</summary>
    public static MarkupString SmallText(Color color, string? cssClass, string text) =>
        Cache.Get((color, cssClass, text), 0, static (k, _) => new MarkupString(
            $"<div class=\"mud-chip-container\"><div class=\"mud-chip mud-chip-text mud-chip-size-small mud-chip-color-{k.Color.ToString().ToLowerInvariant()}{(string.IsNullOrEmpty(k.Class) ? "" : " " + Encode(k.Class))}\" tabindex=\"-1\">"
            + $"<span class=\"mud-chip-content\">{Encode(k.Text)}</span></div></div>"));
}
