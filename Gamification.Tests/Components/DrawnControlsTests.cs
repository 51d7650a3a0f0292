using Bunit;

using Gamification.Web;
using Gamification.Web.Components.Shared;
using Gamification.Web.Hosting;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

using MudBlazor;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Components;

/// <summary>
/// The controls the dashboard draws as elements instead of MudBlazor components (<see cref="Pager"/>,
/// <see cref="Radios"/>, <see cref="Switch"/>: docs/performance.md, Memory per open dashboard) draw what MudBlazor draws, so its styles, the
/// names screen readers announce and the browser tests' selectors stay the same; and they act as MudBlazor's do.
/// </summary>
public sealed class DrawnControlsTests : MudTestContext
{
    public DrawnControlsTests() => Services.AddTransient<MudLocalizer, MudTexts>();

    private IStringLocalizer Texts => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Theory]
    [InlineData(1, 1, new[] { 1 })]
    [InlineData(5, 3, new[] { 1, 2, 3, 4, 5 })]
    [InlineData(9, 9, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })]
    [InlineData(25, 1, new[] { 1, 2, 3, 4, 5, 6, Pager.Gap, 24, 25 })]
    [InlineData(25, 13, new[] { 1, 2, Pager.Gap, 12, 13, 14, Pager.Gap, 24, 25 })]
    [InlineData(25, 25, new[] { 1, 2, Pager.Gap, 20, 21, 22, 23, 24, 25 })]
    [InlineData(10, 5, new[] { 1, 2, 3, 4, 5, 6, Pager.Gap, 9, 10 })]
    [InlineData(10, 6, new[] { 1, 2, Pager.Gap, 5, 6, 7, 8, 9, 10 })]
    public void The_pages_offered_are_MudPaginations(int count, int selected, int[] expected) =>
        Assert.Equal(expected, Pager.Pages(count, selected));

    [Fact]
    public void No_pages_offer_nothing_and_a_page_out_of_range_is_taken_as_the_nearest() =>
        Assert.Multiple(
            () => Assert.Empty(Pager.Pages(0, 1)),
            () => Assert.Equal(Pager.Pages(25, 25), Pager.Pages(25, 99)),
            () => Assert.Equal(Pager.Pages(25, 1), Pager.Pages(25, -3)));

    [Theory]
    [InlineData(25, 1)]
    [InlineData(25, 13)]
    [InlineData(25, 25)]
    [InlineData(4, 2)]
    public void The_pager_draws_what_MudPagination_draws(int count, int selected)
    {
        var mud = Render<MudPagination>(p => p.Add(x => x.Count, count).Add(x => x.Selected, selected).Add(x => x.Size, Size.Small)
            .Add(x => x.Color, Color.Primary).AddUnmatched("id", "dash-pages"));
        var drawn = Render(Pager.Draw(new Receiver(), Texts, count, selected, _ => Task.CompletedTask, "dash-pages"));

        drawn.MarkupMatches(mud.Markup);
    }

    [Fact]
    public Task The_pagers_buttons_are_named_in_the_readers_language() => InCultureAsync("es", () =>
    {
        var drawn = Render(Pager.Draw(new Receiver(), Texts, 3, 2, _ => Task.CompletedTask));

        Assert.Equal(["Página anterior", "Página 1", "Página actual 2", "Página 3", "Página siguiente"],
            drawn.FindAll("button").Select(b => b.GetAttribute("aria-label")));
        return Task.CompletedTask;
    });

    [Fact]
    public void The_link_button_draws_what_a_small_text_MudButton_with_a_link_and_an_end_icon_draws()
    {
        var mud = Render<MudButton>(p => p.Add(x => x.Href, "challenges").Add(x => x.Variant, Variant.Text).Add(x => x.Color, Color.Primary)
            .Add(x => x.Size, Size.Small).Add(x => x.EndIcon, Icons.Material.Filled.ChevronRight)
            .AddUnmatched("id", "tracker-see-all").AddUnmatched("data-testid", "challenge-tracker-see-all")
            .AddChildContent("See all & more"));
        var drawn = Render(b => b.AddContent(0, LinkButton.Small("challenges", "See all & more", Icons.Material.Filled.ChevronRight, "tracker-see-all", "challenge-tracker-see-all")));

        drawn.MarkupMatches(mud.Markup);
    }

    [Fact]
    public void The_streak_bonus_chip_draws_what_a_small_text_error_MudChip_draws()
    {
        var mud = Render<MudChip<string>>(p => p.Add(x => x.Size, Size.Small).Add(x => x.Color, Color.Error).Add(x => x.Variant, Variant.Text)
            .Add(x => x.Class, "ml-0").AddChildContent("x1.5 streak bonus & more"));
        var drawn = Render(b => b.AddContent(0, Chip.SmallText(Color.Error, "ml-0", "x1.5 streak bonus & more")));

        drawn.MarkupMatches(System.Text.RegularExpressions.Regex.Replace(mud.Markup, " id=\"chip-container-[a-f0-9-]+\"", ""));
    }

    [Fact]
    public void The_pager_selects_the_page_clicked_and_its_arrows_move_by_one_but_not_past_the_ends()
    {
        var chosen = new List<int>();
        var drawn = Render(Pager.Draw(new Receiver(), Texts, 3, 3, page => { chosen.Add(page); return Task.CompletedTask; }));

        drawn.Find("button[aria-label='Page 1']").Click();
        drawn.Find("button[aria-label='Previous page']").Click();

        Assert.Equal([1, 2], chosen);
        Assert.True(drawn.Find("button[aria-label='Next page']").HasAttribute("disabled"));
    }

    [Theory]
    [InlineData("b", false)]
    [InlineData("c", true)]
    public void The_radios_draw_what_MudRadioGroup_draws(string selected, bool disabled)
    {
        var mud = Render<MudRadioGroup<string>>(p => p.Add(x => x.Value, selected).Add(x => x.Disabled, disabled)
            .AddUnmatched("id", "choice").AddUnmatched("aria-labelledby", "choice-label")
            .AddChildContent<MudRadio<string>>(r => r.Add(x => x.Value, "a").Add(x => x.Color, Color.Primary).AddUnmatched("id", "choice-a").AddChildContent("A"))
            .AddChildContent<MudRadio<string>>(r => r.Add(x => x.Value, "b").Add(x => x.Color, Color.Primary).AddUnmatched("id", "choice-b").AddChildContent("B"))
            .AddChildContent<MudRadio<string>>(r => r.Add(x => x.Value, "c").Add(x => x.Color, Color.Primary).AddUnmatched("id", "choice-c").AddChildContent("C")));
        var drawn = Render(Radios.Group(new Receiver(), "choice", "choice-label", selected,
            [new("a", "choice-a", "A"), new("b", "choice-b", "B"), new("c", "choice-c", "C")], _ => Task.CompletedTask, disabled));

        // The same elements, classes, icons and states; MudBlazor names the group with a random name and each label
        // with a random id, which nothing refers to (the drawn group is named by its id).
        drawn.MarkupMatches(Normalise(mud.Markup, "choice"));
    }

    [Fact]
    public void Choosing_a_radio_reports_its_value()
    {
        var chosen = new List<string>();
        var drawn = Render(Radios.Group(new Receiver(), "choice", "choice-label", "a",
            [new("a", "choice-a", "A"), new("b", "choice-b", "B")], value => { chosen.Add(value); return Task.CompletedTask; }, false));

        drawn.Find("#choice-b").Change(true);

        Assert.Equal(["b"], chosen);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void The_switch_draws_what_MudSwitch_draws(bool value, bool disabled)
    {
        var mud = Render<MudSwitch<bool>>(p => p.Add(x => x.Value, value).Add(x => x.Disabled, disabled).Add(x => x.Color, Color.Primary)
            .Add(x => x.Class, "mt-2").AddUnmatched("id", "reminders").Add(x => x.Label, "Remind me"));
        var drawn = Render(Switch.Draw(new Receiver(), "reminders", value, "Remind me", _ => Task.CompletedTask, disabled, "mt-2"));

        // The same elements, classes and states; MudBlazor gives the label a random id, which nothing refers to.
        drawn.MarkupMatches(System.Text.RegularExpressions.Regex.Replace(mud.Markup, " id=\"switch[a-z0-9]+\"", ""));
    }

    [Fact]
    public void The_switch_reports_a_change_and_takes_MudSwitchs_keys()
    {
        var reported = new List<bool>();
        Task Report(bool value)
        {
            reported.Add(value);
            return Task.CompletedTask;
        }
        var off = Render(Switch.Draw(new Receiver(), "reminders", false, "Remind me", Report, false));
        var on = Render(Switch.Draw(new Receiver(), "reminders", true, "Remind me", Report, false));
        var disabled = Render(Switch.Draw(new Receiver(), "reminders", false, "Remind me", Report, true));

        // Space is the checkbox's own: the browser reports the change.
        off.Find("#reminders").Change(true);
        on.Find("#reminders").Change(false);
        Assert.Equal([true, false], reported);

        reported.Clear();
        foreach (var key in new[] { "ArrowRight", "Enter", "NumpadEnter", "ArrowLeft", "Delete", "ArrowUp" })
        {
            off.Find("label").KeyDown(new KeyboardEventArgs { Key = key });
        }
        Assert.Equal([true, true, true], reported);

        reported.Clear();
        foreach (var key in new[] { "ArrowLeft", "Delete", "ArrowRight", "Enter", "ArrowDown" })
        {
            on.Find("label").KeyDown(new KeyboardEventArgs { Key = key });
        }
        Assert.Equal([false, false], reported);

        reported.Clear();
        disabled.Find("label").KeyDown(new KeyboardEventArgs { Key = "ArrowRight" });
        Assert.Empty(reported);
    }

    /// <summary>MudBlazor's random group name and label ids replaced: the group's name is its id, labels have none.</summary>
    private static string Normalise(string markup, string groupId)
    {
        markup = System.Text.RegularExpressions.Regex.Replace(markup, "name=\"[0-9a-f-]{36}\"", $"name=\"{groupId}\"");
        return System.Text.RegularExpressions.Regex.Replace(markup, " id=\"radio[a-z0-9]+\"", "");
    }

    /// <summary>The component a drawn control's events run on: here it only runs them.</summary>
    private sealed class Receiver : IHandleEvent
    {
        public Task HandleEventAsync(EventCallbackWorkItem item, object? arg) => item.InvokeAsync(arg);
    }
}
