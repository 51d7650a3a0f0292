using Bunit;

using Gamification.Tests.Components;
using Gamification.Web.Components.Layout;
using Gamification.Web.Components.Pages.Home;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// A reader whose language is Spanish (the culture the request localization sets for their circuit) sees the
/// navigation and their home page in Spanish, with numbers in Spanish format; the same pages stay English by default.
/// </summary>
public sealed class SpanishPagesTests : PageTestContext
{
    [Fact]
    public Task Agent_reading_Spanish_sees_Spanish_navigation() => InCultureAsync("es", () =>
    {
        SignIn(Roles.Agent);

        var menu = Render<NavMenu>();

        Assert.Equal("Mi panel", menu.Find("#nav-home").TextContent.Trim());
        Assert.Equal("Mis puntos", menu.Find("#nav-dashboard").TextContent.Trim());
        Assert.Equal("Insignias", menu.Find("#nav-badges").TextContent.Trim());
        Assert.Equal("Retos", menu.Find("#nav-challenges").TextContent.Trim());
        Assert.Equal("Tienda de premios", menu.Find("#nav-rewards").TextContent.Trim());
        Assert.Equal("Clasificación", menu.Find("#nav-leaderboard").TextContent.Trim());
        Assert.Equal("Cómo funcionan los puntos", menu.Find("#nav-how-points").TextContent.Trim());
        Assert.Equal("Mi cuenta", menu.Find("#nav-account").TextContent.Trim());
        return Task.CompletedTask;
    });

    [Fact]
    public Task Agent_reading_Spanish_sees_their_home_in_Spanish_with_Spanish_numbers() => InCultureAsync("es", async () =>
    {
        await GivePointsAsync(AgentId, 1250);
        SignIn(Roles.Agent);

        var page = Render<AgentHome>();

        page.WaitForAssertion(() => Assert.Equal("Hola de nuevo, Alex Agent", page.Find("#agent-name").TextContent.Trim()));
        Assert.Equal("Mis puntos e historial", page.Find("#agent-dashboard-link").TextContent.Trim());
        Assert.Contains("Puntos para gastar", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Puntos recientes", page.Markup, StringComparison.Ordinal);
        // The balance (over 1,000 after the award) in Spanish: a dot for thousands ("1.250"), written out by hand.
        var points = CurrentPoints(AgentId);
        Assert.InRange(points, 1250, 9999);
        Assert.Contains($">{points / 1000}.{points % 1000:000}<", page.Markup.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal),
            StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome back", page.Markup, StringComparison.Ordinal);
    });

    [Fact]
    public Task The_same_home_is_English_by_default() => InCultureAsync("en", async () =>
    {
        await GivePointsAsync(AgentId, 1250);
        SignIn(Roles.Agent);

        var page = Render<AgentHome>();

        page.WaitForAssertion(() => Assert.Equal("Welcome back, Alex Agent", page.Find("#agent-name").TextContent.Trim()));
        Assert.Equal("My points & history", page.Find("#agent-dashboard-link").TextContent.Trim());
        var points = CurrentPoints(AgentId);
        Assert.InRange(points, 1250, 9999);
        Assert.Contains($">{points / 1000},{points % 1000:000}<", page.Markup.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal),
            StringComparison.Ordinal);
    });
}
