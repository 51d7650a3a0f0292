using Microsoft.AspNetCore.Components;

using MudBlazor;

using static Gamification.Web.Components.Shared.HtmlText;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// A small text link in MudBlazor's button style with an icon at its end (the dashboard cards' "See all"): the markup a
/// <see cref="MudButton"/> with <c>Href</c>, <c>Variant.Text</c>, <c>Color.Primary</c>, <c>Size.Small</c> and an
/// <c>EndIcon</c> draws, as one piece of markup shared by every tab instead of a component in each (docs/performance.md,
/// Memory per open dashboard). A link needs no .NET event: the browser follows it.
/// </summary>
public static class LinkButton
{
    // Texts come from the resources in each language: a small set.
    private static readonly BoundedCache<(string Href, string Text, string Icon, string Id, string TestId), MarkupString> Cache = new(1024);

    /// <summary>The link to <paramref name="href"/> reading <paramref name="text"/> (encoded), <paramref name="icon"/> after it.</summary>
    public static MarkupString Small(string href, string text, string icon, string id, string testId) =>
        Cache.Get((href, text, icon, id, testId), 0, static (k, _) => new MarkupString(
            $"<a href=\"{Encode(k.Href)}\" class=\"mud-button-root mud-button mud-button-text mud-button-text-primary mud-button-text-size-small mud-ripple\""
            + $" id=\"{Encode(k.Id)}\" data-testid=\"{Encode(k.TestId)}\" type=\"button\"><span class=\"mud-button-label\">{Encode(k.Text)}"
            + $"<span class=\"mud-button-icon-end mud-button-icon-size-small\">{Svg.Icon(k.Icon, null, null, Size.Small).Value}</span></span></a>"));
}
