using Bunit;

using Gamification.Tests.Components;
using Gamification.Web.Components.Pages.Analytics;
using Gamification.Web.Components.Pages.People;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// A supervisor whose language is Spanish reads the engagement and behaviour dashboards, the fair-play page and the
/// people list in Spanish (headings, chart titles, the figures tables under the charts, the empty states); the same
/// pages stay English by default. The clock is fixed on Wednesday 4 March 2026, 12:00 UTC.
/// </summary>
public sealed class SpanishSupervisorPagesTests : PageTestContext
{
    private static readonly DateOnly Today = new(2026, 3, 4);

    [Fact]
    public Task Engagement_dashboard_in_Spanish_names_its_charts_and_figures_in_Spanish() => InCultureAsync("es", () =>
    {
        SeedTeamDays((Today.AddDays(-1), 2, 300), (Today, 1, 120));
        SignIn(Roles.Supervisor);

        var page = Render<EngagementDashboard>();

        page.WaitForAssertion(() => Assert.Equal("data", page.Find("#chart-points").GetAttribute("data-state")), TimeSpan.FromSeconds(10));
        Assert.Equal("Participación", page.Find(".page-title").TextContent.Trim());
        Assert.Contains("Puntos otorgados por día", page.Find("#chart-points").TextContent, StringComparison.Ordinal);
        var figures = page.Find("[data-testid=chart-points-figures]");
        Assert.Equal(["Día", "Puntos otorgados"], figures.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal("Las cifras de “Puntos otorgados por día”", figures.QuerySelector("summary")!.TextContent);
        Assert.Equal("Descargar Puntos otorgados por día como CSV", page.Find("#chart-points-csv").GetAttribute("aria-label"));
        Assert.Contains("Todos los equipos", page.Find("#analytics-filters").TextContent, StringComparison.Ordinal);
        Assert.Equal("30 días", page.Find("#range-30").TextContent.Trim());
        Assert.DoesNotContain("Points awarded per day", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Daily active participants", page.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Behaviour_dashboard_and_fair_play_show_their_empty_states_in_Spanish() => InCultureAsync("es", () =>
    {
        SignIn(Roles.Supervisor);

        var behaviour = Render<BehaviorDashboard>();
        behaviour.WaitForAssertion(() => Assert.Single(behaviour.FindAll("#analytics-empty")), TimeSpan.FromSeconds(10));
        Assert.Equal("Comportamiento", behaviour.Find(".page-title").TextContent.Trim());
        Assert.Contains("Nadie ha ganado puntos en estos días todavía", behaviour.Find("#analytics-empty").TextContent, StringComparison.Ordinal);
        var earners = behaviour.Find("#chart-top-earners");
        Assert.Contains("Quienes más ganan", earners.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nadie ganó puntos en estos días.", earners.TextContent, StringComparison.Ordinal);
        Assert.Contains("Personas en el alcance", behaviour.Find("#kpi-people").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Top earners", behaviour.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("every few minutes", behaviour.Markup, StringComparison.Ordinal);

        var fairPlay = Render<FairPlay>();
        fairPlay.WaitForAssertion(() => Assert.Single(fairPlay.FindAll("#flags-empty")), TimeSpan.FromSeconds(10));
        Assert.Equal("Juego limpio", fairPlay.Find(".page-title").TextContent.Trim());
        Assert.Contains("Nada que revisar", fairPlay.Find("#flags-empty").TextContent, StringComparison.Ordinal);
        Assert.Equal("Comprobar ahora", fairPlay.Find("#flags-detect").TextContent.Trim());
        Assert.DoesNotContain("Nothing to look at", fairPlay.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task People_list_in_Spanish() => InCultureAsync("es", () =>
    {
        SignIn(Roles.Admin);

        var page = Render<People>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#people-grid")), TimeSpan.FromSeconds(10));
        Assert.Equal("Equipos y personas", page.Find(".page-title").TextContent.Trim());
        Assert.Equal("Añadir una persona", page.Find("#person-add").TextContent.Trim());
        Assert.Contains("Puntos totales", page.Find("#people-grid").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Lifetime points", page.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task The_same_dashboard_is_English_by_default() => InCultureAsync("en", () =>
    {
        SeedTeamDays((Today.AddDays(-1), 2, 300), (Today, 1, 120));
        SignIn(Roles.Supervisor);

        var page = Render<EngagementDashboard>();

        page.WaitForAssertion(() => Assert.Equal("data", page.Find("#chart-points").GetAttribute("data-state")), TimeSpan.FromSeconds(10));
        Assert.Equal("Engagement", page.Find(".page-title").TextContent.Trim());
        Assert.Contains("Points awarded per day", page.Find("#chart-points").TextContent, StringComparison.Ordinal);
        var figures = page.Find("[data-testid=chart-points-figures]");
        Assert.Equal(["Day", "Points awarded"], figures.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal("The figures of “Points awarded per day”", figures.QuerySelector("summary")!.TextContent);
        Assert.Equal("30 days", page.Find("#range-30").TextContent.Trim());
        return Task.CompletedTask;
    });

    /// <summary>The whole tenant's rows (team "everyone") as the rollup writes them: (day, active people, points).</summary>
    private void SeedTeamDays(params (DateOnly Day, int Active, long Points)[] days)
    {
        using var db = NewContext();
        foreach (var (day, active, points) in days)
        {
            db.DailyTeamStats.Add(new DailyTeamStat
            {
                TenantId = TenantId,
                LocalDate = day,
                TeamId = DailyTeamStat.Everyone,
                ActiveUsers = active,
                Events = active * 3,
                Calls = active * 3,
                ActivityPoints = points,
                ActiveChallenges = 2,
                LeaderboardViews = active,
                UpdatedAt = Now.AddMinutes(-4),
            });
        }
        db.SaveChanges();
    }
}
