using System.Text;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

using static Gamification.Web.Components.Shared.HtmlText;

namespace Gamification.Web.Components.Shared;

/// <summary>
/// The dashboard ledger's table in MudTable's markup, in pieces drawn as markup instead of elements: an entry's first
/// four cells (when, what with its type chip, how it was computed, points), made once per entry and kept while the
/// entry is on the page; the header row and the type filter's options, shared by every tab in the same language. Each
/// element of a drawn table costs every open tab render-tree frames twice over (its current and previous tree): as
/// elements the ten rows were about 430 frames of the page, as markup about 150 (docs/performance.md, Memory per open
/// dashboard). Every text is encoded; reasons are people's and tenants' words.
/// </summary>
public static class LedgerMarkup
{
    // Resource texts in each language: a small set.
    private static readonly BoundedCache<(string When, string What, string How, string Points, string Dispute), MarkupString> Heads = new(64);
    private static readonly BoundedCache<(string Culture, string All, string Selected), MarkupString> Options = new(256);

    /// <summary>The header row (<c>thead</c>) of the ledger's table.</summary>
    public static MarkupString Head(IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        return Heads.Get((l["Common.When"], l["Common.What"], l["Dashboard.HowComputed"], l["Common.Points"], l["Dashboard.Dispute"]), 0, static (k, _) => new MarkupString(
            "<thead class=\"mud-table-head mud-table-dense\"><tr class=\"mud-table-row\">"
            + $"<th scope=\"col\" class=\"mud-table-cell\">{Encode(k.When)}</th>"
            + $"<th scope=\"col\" class=\"mud-table-cell\">{Encode(k.What)}</th>"
            + $"<th scope=\"col\" class=\"mud-table-cell\">{Encode(k.How)}</th>"
            + $"<th scope=\"col\" class=\"mud-table-cell\" style=\"text-align:right\">{Encode(k.Points)}</th>"
            + $"<th scope=\"col\" class=\"mud-table-cell\"><span class=\"sr-only\">{Encode(k.Dispute)}</span></th>"
            + "</tr></thead>"));
    }

    /// <summary>
    /// The type filter's options: <paramref name="allValue"/> ("every type") then each entry type, the one whose value is
    /// <paramref name="selected"/> selected.
    /// </summary>
    public static MarkupString TypeOptions(IStringLocalizer l, string allValue, string selected)
    {
        ArgumentNullException.ThrowIfNull(l);
        var state = (Texts: l, AllText: l["Dashboard.AllTypes"].Value);
        return Options.Get((CultureInfo.CurrentUICulture.Name, allValue, selected), state, static (k, s) =>
        {
            var html = new StringBuilder();
            Option(html, k.All, s.AllText, k.Selected);
            foreach (var type in Enum.GetValues<TransactionType>())
            {
                Option(html, type.ToString(), BreakdownText.TypeLabel(s.Texts, type), k.Selected);
            }
            return new MarkupString(html.ToString());
        });
    }

    /// <summary>An entry's cells before its dispute button: when (the tenant's local time), what (reason and type chip), how, points.</summary>
    public static MarkupString Cells(IStringLocalizer l, TransactionView entry)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(entry);
        var html = new StringBuilder(640);
        html.Append("<td data-label=\"").Append(Encode(l["Common.When"])).Append("\" class=\"mud-table-cell dash-when\">")
            .Append(Encode(entry.LocalTime.ToString("ddd d MMM, HH:mm", CultureInfo.CurrentCulture))).Append("</td>");
        html.Append("<td data-label=\"").Append(Encode(l["Common.What"])).Append("\" class=\"mud-table-cell\"><span class=\"tx-reason\">")
            .Append(Encode(entry.Reason)).Append("</span> <span class=\"").Append(BreakdownText.TypeChipClass(entry.Type))
            .Append("\"><span class=\"mud-chip-content\">").Append(Encode(BreakdownText.TypeLabel(l, entry.Type))).Append("</span></span></td>");
        html.Append("<td data-label=\"").Append(Encode(l["Dashboard.How"])).Append("\" class=\"mud-table-cell tx-breakdown\">")
            .Append(Encode(BreakdownText.For(l, entry))).Append("</td>");
        html.Append("<td data-label=\"").Append(Encode(l["Common.Points"])).Append("\" style=\"text-align:right\" class=\"")
            .Append(BreakdownText.PointsCellClass(entry.Points)).Append("\">").Append(Encode(BreakdownText.WithSign(entry.Points))).Append("</td>");
        return new MarkupString(html.ToString());
    }

    private static void Option(StringBuilder html, string value, string text, string selected) =>
        html.Append("<option value=\"").Append(Encode(value)).Append(value == selected ? "\" selected>" : "\">").Append(Encode(text)).Append("</option>");
}
