using Bunit;

using Gamification.Web;
using Gamification.Web.Components.Pages.Dashboard;
using Gamification.Web.Components.Shared;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The dashboard's pieces drawn as shared markup instead of elements (<see cref="LedgerMarkup"/>,
/// <see cref="DashboardMarkup"/>: docs/performance.md, Memory per open dashboard) draw what the elements drew (kept here
/// as the page rendered them before), and encode every text: a reason is a person's or a tenant's words.
/// </summary>
public sealed class LedgerMarkupTests : MudTestContext
{
    // An entry's first four cells as the page drew them as elements (captured from it before they became markup).
    private const string PerfectCallCells = """
<td data-label="When" class="mud-table-cell dash-when">Wed 4 Mar, 12:00</td>
<td data-label="What" class="mud-table-cell"><span class="tx-reason">Perfect call (5★)</span>
    <span class="mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-primary ml-1"><span class="mud-chip-content">Activity</span></span></td>
<td data-label="How" class="mud-table-cell tx-breakdown">10 × 2 + 10 = 30</td>
<td data-label="Points" style="text-align:right" class="mud-table-cell points-plus">+30</td>
""";

    private const string LedgerHead = """
<thead class="mud-table-head mud-table-dense"><tr class="mud-table-row"><th scope="col" class="mud-table-cell">When</th><th scope="col" class="mud-table-cell">What</th>
<th scope="col" class="mud-table-cell">How it was computed</th><th scope="col" class="mud-table-cell" style="text-align:right">Points</th>
<th scope="col" class="mud-table-cell"><span class="sr-only">Dispute</span></th></tr></thead>
""";

    private const string PointsToSpendHeading = """
<div class="d-flex align-center gap-2"><div class="mud-avatar mud-avatar-small mud-avatar-filled mud-avatar-filled-secondary mud-elevation-0"><svg class="mud-icon-root mud-svg-icon mud-icon-size-small" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img"><path d="M0 0h24v24H0V0z" fill="none"/><path d="M15 4c-4.42 0-8 3.58-8 8s3.58 8 8 8 8-3.58 8-8-3.58-8-8-8zm0 14c-3.31 0-6-2.69-6-6s2.69-6 6-6 6 2.69 6 6-2.69 6-6 6z"/><path d="M3 12c0-2.61 1.67-4.83 4-5.65V4.26C3.55 5.15 1 8.27 1 12s2.55 6.85 6 7.74v-2.09c-2.33-.82-4-3.04-4-5.65z"/></svg></div>
<span class="mud-typography mud-typography-caption mud-text-secondary">Points to spend</span></div>
""";

    private const string BronzeMedal = """
<div class="tier-medal tier-bronze" aria-hidden="true"><svg class="mud-icon-root mud-svg-icon mud-icon-size-medium" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img"><g><rect fill="none" height="24" width="24"/></g><g><path d="M17,10.43V2H7v8.43c0,0.35,0.18,0.68,0.49,0.86l4.18,2.51l-0.99,2.34l-3.41,0.29l2.59,2.24L9.07,22L12,20.23L14.93,22 l-0.78-3.33l2.59-2.24l-3.41-0.29l-0.99-2.34l4.18-2.51C16.82,11.11,17,10.79,17,10.43z M13,12.23l-1,0.6l-1-0.6V3h2V12.23z"/></g></svg>
<span class="tier-medal-level">1</span></div>
""";

    private IStringLocalizer L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    private static TransactionView Entry(long id, string reason, TransactionType type = TransactionType.Activity, long points = 30) =>
        new(id, new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero), new DateTime(2026, 3, 4, 12, 0, 0), new DateOnly(2026, 3, 4), type, points,
            BasePoints: 10, Multiplier: 2m, StreakMultiplier: 1m, Bonus: 10, UncappedPoints: points, reason, TransactionSource.ActivityEvent, $"evt-{id}");

    private AngleSharp.Dom.IElement InRow(MarkupString cells) =>
        Render(b =>
        {
            b.OpenElement(0, "table");
            b.OpenElement(1, "tbody");
            b.OpenElement(2, "tr");
            b.AddContent(3, cells);
            b.CloseElement();
            b.CloseElement();
            b.CloseElement();
        }).Find("tr");

    [Fact]
    public void An_entrys_cells_are_what_the_page_drew_as_elements() =>
        InRow(LedgerMarkup.Cells(L, Entry(14, "Perfect call (5★)"))).InnerHtml.MarkupMatches(PerfectCallCells);

    [Fact]
    public void A_reason_with_markup_in_it_shows_as_text()
    {
        const string reason = "<img src=x onerror=alert(1)> & \"quoted\" </td><td>";

        var row = InRow(LedgerMarkup.Cells(L, Entry(15, reason, TransactionType.AdminAward, -5)));

        Assert.Empty(row.QuerySelectorAll("img"));
        Assert.Equal(4, row.QuerySelectorAll("td").Length);
        Assert.Equal(reason, row.QuerySelector(".tx-reason")!.TextContent);
        Assert.Equal("-5", row.QuerySelector("td:last-child")!.TextContent);
        Assert.Contains("points-minus", row.QuerySelector("td:last-child")!.ClassList);
        Assert.Contains("mud-chip-color-success", row.QuerySelector(".mud-chip")!.ClassList);
    }

    [Fact]
    public void The_header_row_is_what_the_page_drew_as_elements() =>
        Render(b =>
        {
            b.OpenElement(0, "table");
            b.AddContent(1, LedgerMarkup.Head(L));
            b.CloseElement();
        }).Find("table").InnerHtml.MarkupMatches(LedgerHead);

    [Fact]
    public void The_type_filter_offers_every_type_after_all_and_selects_the_one_shown()
    {
        var select = Render(b =>
        {
            b.OpenElement(0, "select");
            b.AddContent(1, LedgerMarkup.TypeOptions(L, "all", nameof(TransactionType.Decay)));
            b.CloseElement();
        });

        var options = select.FindAll("option");
        Assert.Equal(["all", .. Enum.GetNames<TransactionType>()], options.Select(o => o.GetAttribute("value")));
        Assert.Equal("All types", options[0].TextContent);
        Assert.Equal([nameof(TransactionType.Decay)], options.Where(o => o.HasAttribute("selected")).Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public void A_cards_heading_and_the_level_medal_are_what_the_page_drew_as_elements()
    {
        Render(b => b.AddContent(0, DashboardMarkup.CardHeading(Icons.Material.Filled.Toll, Color.Secondary, "Points to spend"))).MarkupMatches(PointsToSpendHeading);
        Render(b => b.AddContent(0, DashboardMarkup.TierMedal("tier-bronze", Icons.Material.Filled.MilitaryTech, 1))).MarkupMatches(BronzeMedal);
    }

    [Fact]
    public void The_dashboards_shared_pieces_encode_their_texts()
    {
        const string text = "<b>Today</b> & \"more\"";

        Assert.Equal(text, Render(b => b.AddContent(0, DashboardMarkup.CardHeading(Icons.Material.Filled.Today, Color.Tertiary, text))).Find("span").TextContent);
        Assert.Equal(text, Render(b => b.AddContent(0, DashboardMarkup.StartIconLabel(Icons.Material.Filled.ReportProblem, text))).Find(".mud-button-label").TextContent);
        Assert.Equal(text, Render(b => b.AddContent(0, DashboardMarkup.Outline(text))).Find("legend").TextContent);
        var label = Render(b => b.AddContent(0, DashboardMarkup.InputLabel("dash-\"filter", text))).Find("label");
        Assert.Equal(text, label.TextContent);
        Assert.Equal("dash-\"filter", label.GetAttribute("for"));
        Assert.Equal(text, Render(b => b.AddContent(0, DashboardMarkup.ButtonLabel(text))).Find(".mud-button-label").TextContent);
        Assert.Empty(Render(b => b.AddContent(0, DashboardMarkup.ButtonLabel(text))).FindAll("b"));
    }
}
