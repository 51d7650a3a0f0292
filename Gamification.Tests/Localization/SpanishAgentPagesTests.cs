using Bunit;

using Gamification.Tests.Components;
using BadgesPage = Gamification.Web.Components.Pages.Badges.Badges;
using Gamification.Web.Components.Pages.Disputes;
using Gamification.Web.Components.Pages.Help;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// A reader whose language is Spanish sees the agents' pages (Badges, How points work, My disputes) in
/// Spanish; the same pages stay in English by default.
/// </summary>
public sealed class SpanishAgentPagesTests : PageTestContext
{
    [Fact]
    public Task Badges_read_Spanish() => InCultureAsync("es", () =>
    {
        SignIn(Roles.Agent);

        var badges = Render<BadgesPage>();

        badges.WaitForAssertion(() => Assert.NotNull(badges.Find("#badges-summary")));
        Assert.Contains("Tu colección", badges.Markup, StringComparison.Ordinal);
        Assert.Contains("Todas las categorías", badges.Markup, StringComparison.Ordinal);
        Assert.Equal("Leyenda de rareza", badges.Find("#rarity-legend").GetAttribute("aria-label"));
        Assert.DoesNotContain("Your collection", badges.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("All categories", badges.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task How_points_work_and_my_disputes_read_Spanish() => InCultureAsync("es", () =>
    {
        SignIn(Roles.Agent);

        var page = Render<HowPointsWork>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#how-activity tbody tr")));
        Assert.StartsWith("Racha:", page.Find("#how-streak").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Desde el día", page.Find("#how-streak").TextContent, StringComparison.Ordinal);
        Assert.Contains("ganas como máximo", page.Find("#how-cap").TextContent, StringComparison.Ordinal);
        Assert.Contains("Actividad", page.Find("#how-activity thead").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Daily cap:", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Fair play:", page.Markup, StringComparison.Ordinal);

        var disputes = Render<MyDisputes>();

        disputes.WaitForAssertion(() => Assert.StartsWith("No hay reclamaciones.", disputes.Find("#my-disputes-empty").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Contains("Mis reclamaciones", disputes.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("My disputes", disputes.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task The_same_pages_are_English_by_default() => InCultureAsync("en", () =>
    {
        SignIn(Roles.Agent);

        var badges = Render<BadgesPage>();
        badges.WaitForAssertion(() => Assert.NotNull(badges.Find("#badges-summary")));
        Assert.Contains("Your collection", badges.Markup, StringComparison.Ordinal);
        Assert.Equal("Rarity legend", badges.Find("#rarity-legend").GetAttribute("aria-label"));

        var page = Render<HowPointsWork>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#how-activity tbody tr")));
        Assert.StartsWith("Streak: every day with at least one activity keeps your streak going.", page.Find("#how-streak").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("you earn at most", page.Find("#how-cap").TextContent, StringComparison.Ordinal);

        var disputes = Render<MyDisputes>();
        disputes.WaitForAssertion(() => Assert.Equal(
            "No disputes. If an entry looks wrong, use Dispute on its row; if a call earned nothing, use Report missing credit.",
            disputes.Find("#my-disputes-empty").TextContent.Trim()));
        Assert.Contains("My disputes", disputes.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });
}
