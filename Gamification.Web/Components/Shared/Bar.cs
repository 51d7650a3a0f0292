using System.Globalization;

using Microsoft.AspNetCore.Components;

using MudBlazor;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// A determinate progress bar drawn as <see cref="MudProgressLinear"/> draws one (its classes, so the theme styles it),
/// as elements of the page that shows it rather than a component of its own: an open dashboard drew ten, and every
/// component costs its circuit memory for as long as the tab is open (docs/performance.md, Memory per open dashboard).
/// The bar is named by <paramref name="label"/> and states its value (role progressbar, 0-100).
/// </summary>
public static class Bar
{
    public static RenderFragment Linear(double percent, string label, Color color = Color.Primary, Size size = Size.Small,
        bool rounded = true, string? cssClass = null, string? style = null, string? id = null) => builder =>
    {
        var value = Math.Clamp(percent, 0, 100);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "role", "progressbar");
        builder.AddAttribute(2, "aria-valuenow", value.ToString(CultureInfo.InvariantCulture));
        builder.AddAttribute(3, "aria-valuemin", "0");
        builder.AddAttribute(4, "aria-valuemax", "100");
        builder.AddAttribute(5, "aria-label", label);
        builder.AddAttribute(6, "class", ClassOf(color, size, rounded, cssClass));
        builder.AddAttribute(7, "style", style);
        builder.AddAttribute(8, "id", id);
        builder.OpenElement(9, "div");
        builder.AddAttribute(10, "class", "mud-progress-linear-bars mud-flip-x-rtl");
        builder.OpenElement(11, "div");
        builder.AddAttribute(12, "class", "mud-progress-linear-bar");
        builder.AddAttribute(13, "style", Transform(value));
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    // Every string a render builds is held by the tab's render tree for as long as it is open: the classes (a few
    // combinations) and the whole-percent offsets are built once and shared (docs/performance.md, Memory per open dashboard).
    // The classes come from the code; the bound only guards against a caller that builds them from data.
    private static readonly BoundedCache<(Color Color, Size Size, bool Rounded, string? CssClass), string> Classes = new(256);
    private static readonly string[] WholePercents = Enumerable.Range(0, 101)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"transform: translateX(-{100 - p}%);")).ToArray();

    private static string Transform(double value) => value == Math.Floor(value)
        ? WholePercents[(int)value]
        : string.Create(CultureInfo.InvariantCulture, $"transform: translateX(-{100 - value}%);");

    private static string ClassOf(Color color, Size size, bool rounded, string? cssClass) =>
        Classes.Get((color, size, rounded, cssClass), 0, static (k, _) =>
        {
            var classes = $"mud-progress-linear{(k.Rounded ? " mud-progress-linear-rounded" : "")} mud-progress-linear-{SizeName(k.Size)} mud-progress-linear-color-{k.Color.ToString().ToLowerInvariant()} mud-progress-linear-background horizontal";
            return string.IsNullOrEmpty(k.CssClass) ? classes : $"{classes} {k.CssClass}";
        });

    private static string SizeName(Size size) => size switch
    {
        Size.Small => "small",
        Size.Large => "large",
        _ => "medium",
    };
}
