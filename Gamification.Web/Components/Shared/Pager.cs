using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.Localization;

using MudBlazor;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// Page buttons drawn as <see cref="MudPagination"/> draws them (its list, classes, icons and the names screen readers
/// announce, from the same <c>Mud.MudPagination_*</c> texts), as elements of the component that shows them rather than
/// about a dozen components of their own: the dashboard's ledger shows them on every open tab (docs/performance.md,
/// Memory per open dashboard). <paramref name="onSelect"/> runs on <paramref name="receiver"/>, which renders again.
/// </summary>
public static class Pager
{
    /// <summary>MudPagination's defaults: two pages at each end, three around the selected one.</summary>
    private const int BoundaryCount = 2;
    private const int MiddleCount = 3;

    // Page numbers (ledgers of up to thousands of pages) and the two arrows' icons.
    private static readonly BoundedCache<int, string> Labels = new(4096);
    private static readonly BoundedCache<string, string> ArrowLabels = new(16);

    /// <summary>An ellipsis in <see cref="Pages"/>.</summary>
    public const int Gap = -1;

    /// <summary>
    /// The pages to offer, as MudPagination chooses them: every page when there are few, else the first and last two,
    /// three around <paramref name="selected"/> and <see cref="Gap"/> where pages are left out (never for one page alone).
    /// </summary>
    public static int[] Pages(int count, int selected)
    {
        if (count <= 0)
        {
            return [];
        }
        selected = Math.Clamp(selected, 1, count);
        const int length = 2 * BoundaryCount + MiddleCount + 2;
        if (count <= length)
        {
            return Enumerable.Range(1, count).ToArray();
        }
        var pages = new int[length];
        for (var i = 0; i < BoundaryCount; i++)
        {
            pages[i] = i + 1;
            pages[length - i - 1] = count - i;
        }
        var start = selected <= BoundaryCount + MiddleCount / 2 + 1 ? BoundaryCount + 2
            : selected >= count - BoundaryCount - MiddleCount / 2 ? count - BoundaryCount - MiddleCount
            : selected - MiddleCount / 2;
        for (var i = 0; i < MiddleCount; i++)
        {
            pages[BoundaryCount + 1 + i] = start + i;
        }
        pages[BoundaryCount] = BoundaryCount + MiddleCount / 2 + 1 < selected ? Gap : BoundaryCount + 1;
        pages[length - BoundaryCount - 1] = count - BoundaryCount - MiddleCount / 2 > selected ? Gap : count - BoundaryCount;
        for (var i = 0; i < length - 2; i++)
        {
            if (pages[i] + 2 == pages[i + 2])
            {
                pages[i + 1] = pages[i] + 1;
            }
        }
        return pages;
    }

    public static RenderFragment Draw(IHandleEvent receiver, IStringLocalizer texts, int count, int selected, Func<int, Task> onSelect,
        string? id = null) => builder =>
    {
        ArgumentNullException.ThrowIfNull(texts);
        selected = Math.Clamp(selected, 1, Math.Max(1, count));
        builder.OpenElement(0, "ul");
        builder.AddAttribute(1, "id", id);
        builder.AddAttribute(2, "class", "mud-pagination mud-pagination-text mud-pagination-small");
        Arrow(builder, receiver, texts["Mud.MudPagination_PreviousPage"], Icons.Material.Filled.ChevronLeft, selected <= 1, selected - 1, onSelect);
        foreach (var page in Pages(count, selected))
        {
            builder.OpenElement(10, "li");
            if (page == Gap)
            {
                builder.AddAttribute(11, "class", "mud-pagination-item");
                builder.OpenElement(12, "p");
                builder.AddAttribute(13, "aria-hidden", "true");
                builder.AddAttribute(14, "class", "mud-typography mud-typography-body1");
                builder.AddContent(15, "\u2026");
                builder.CloseElement();
            }
            else if (page == selected)
            {
                builder.AddAttribute(16, "class", "mud-pagination-item mud-pagination-item-selected");
                builder.OpenElement(17, "button");
                builder.AddAttribute(18, "class", "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-small");
                builder.AddAttribute(19, "aria-current", "page");
                builder.AddAttribute(20, "aria-label", SharedText.Of(texts["Mud.MudPagination_CurrentPage", page].Value));
                builder.AddAttribute(21, "type", "button");
                Label(builder, page);
                builder.CloseElement();
            }
            else
            {
                builder.AddAttribute(22, "class", "mud-pagination-item");
                builder.OpenElement(23, "button");
                builder.AddAttribute(24, "class", "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small");
                builder.AddAttribute(25, "aria-label", SharedText.Of(texts["Mud.MudPagination_PageIndex", page].Value));
                builder.AddAttribute(26, "type", "button");
                builder.AddAttribute(27, "onclick", EventCallback.Factory.Create(receiver, () => onSelect(page)));
                Label(builder, page);
                builder.CloseElement();
            }
            builder.CloseElement();
        }
        Arrow(builder, receiver, texts["Mud.MudPagination_NextPage"], Icons.Material.Filled.ChevronRight, selected >= count, selected + 1, onSelect);
        builder.CloseElement();
    };

    /// <summary>A page's number in MudButton's label span: one piece of markup per number, shared by every tab (a frame, not three).</summary>
    private static void Label(RenderTreeBuilder builder, int page) =>
        builder.AddMarkupContent(30, Labels.Get(page, 0, static (k, _) => $"<span class=\"mud-button-label\">{k.ToString(CultureInfo.InvariantCulture)}</span>"));

    private static void Arrow(RenderTreeBuilder builder, IHandleEvent receiver, string label,
        string icon, bool disabled, int target, Func<int, Task> onSelect)
    {
        builder.OpenElement(40, "li");
        builder.AddAttribute(41, "class", "mud-pagination-item");
        builder.OpenElement(42, "button");
        builder.AddAttribute(43, "class", "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small");
        builder.AddAttribute(44, "aria-label", label);
        builder.AddAttribute(45, "type", "button");
        builder.AddAttribute(46, "disabled", disabled);
        if (!disabled)
        {
            builder.AddAttribute(47, "onclick", EventCallback.Factory.Create(receiver, () => onSelect(target)));
        }
        builder.AddMarkupContent(48, ArrowLabels.Get(icon, 0, static (k, _) => $"<span class=\"mud-icon-button-label\">{Svg.Icon(k, null, null, Size.Small).Value}</span>"));
        builder.CloseElement();
        builder.CloseElement();
    }
}
