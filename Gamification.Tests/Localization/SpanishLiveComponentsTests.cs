using Bunit;

using Gamification.Tests.Components;
using Gamification.Web.Components.Layout;
using Gamification.Web.Components.Shared;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// The app bar's live pieces over a real database, read by an agent whose language is Spanish: the points indicator
/// (with Spanish numbers), the level-up celebration, the notification bell's own texts, the preferences card and the
/// theme toggle. Each test checks that the English text is gone.
/// </summary>
public sealed class SpanishLiveComponentsTests : PageTestContext
{
    [Fact]
    public Task Agent_reading_Spanish_sees_the_points_indicator_in_Spanish() => InCultureAsync("es", async () =>
    {
        SignIn(Roles.Agent);
        await GivePointsAsync(AgentId, 1200);
        await CallAsync(AgentId, rating: 5);
        RenderProviders();

        var indicator = Render<PointsIndicator>();

        indicator.WaitForAssertion(() => Assert.NotEmpty(indicator.FindAll("#points-indicator")));
        var balance = CurrentPoints(AgentId);
        Assert.InRange(balance, 1000, 9999);
        var shown = indicator.Find("#indicator-points .pi-value").TextContent.Trim();
        // Spanish groups thousands with a point: "1.230", never "1,230".
        Assert.Matches(@"^\d\.\d{3}$", shown);
        Assert.Equal(balance.ToString(CultureInfo.InvariantCulture), shown.Replace(".", "", StringComparison.Ordinal));
        var daily = indicator.Find("#indicator-daily");
        var (today, cap) = (daily.GetAttribute("data-value"), daily.GetAttribute("data-cap"));
        Assert.Equal("1", indicator.Find("#indicator-streak").GetAttribute("data-value"));
        Assert.Equal($"Mis puntos: {shown} para gastar, {today} de {cap} hoy, racha de 1 día",
            indicator.Find("#points-indicator").GetAttribute("title"));
        Assert.StartsWith($"Hoy {today}", indicator.Find(".pi-daily-text").TextContent, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Puntos de hoy frente al límite diario\"", indicator.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("My points", indicator.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Today", indicator.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("day streak", indicator.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("daily cap", indicator.Markup, StringComparison.Ordinal);
    });

    [Fact]
    public Task Agent_reading_Spanish_sees_the_level_up_celebration_in_Spanish() => InCultureAsync("es", async () =>
    {
        SignIn(Roles.Agent);
        RenderProviders();
        var indicator = Render<PointsIndicator>();
        indicator.WaitForAssertion(() => Assert.NotEmpty(indicator.FindAll("#points-indicator")));

        // Enough lifetime points for the starter catalog's next level.
        await GivePointsAsync(AgentId, 1000);

        indicator.WaitForAssertion(() => Assert.NotEmpty(indicator.FindAll("#level-up-celebration")));
        var celebration = indicator.Find("#level-up-celebration");
        var level = celebration.GetAttribute("data-level");
        Assert.Equal("¡Subes de nivel!", celebration.QuerySelector(".level-up-kicker")!.TextContent.Trim());
        Assert.Equal($"Nivel {level}", indicator.Find("#level-up-title").TextContent.Trim());
        Assert.Equal("Sigue así", indicator.Find("#level-up-close").TextContent.Trim());
        Assert.Contains("Tu límite diario ahora es", celebration.TextContent, StringComparison.Ordinal);
        Assert.StartsWith($"Subes de nivel: nivel {level}", indicator.Find("#points-live").TextContent, StringComparison.Ordinal);
        Assert.Contains("Tu límite diario ahora es", indicator.Find("#points-live").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Level up", indicator.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Keep going", indicator.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Your daily cap", indicator.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("bonus points", indicator.Markup, StringComparison.Ordinal);
    });

    [Fact]
    public Task Agent_reading_Spanish_sees_the_notification_bell_in_Spanish() => InCultureAsync("es", () =>
    {
        SignIn(Roles.Agent);
        using (var db = NewContext())
        {
            db.UserNotifications.Add(new UserNotification
            {
                TenantId = TenantId,
                UserId = AgentId,
                Kind = NotificationKind.StreakReminder,
                Title = "Keep your streak",
                Text = "Your 6-day streak ends at midnight.",
                LocalDate = DateOnly.FromDateTime(Now.UtcDateTime),
                CreatedAt = Now.AddHours(-1),
            });
            db.SaveChanges();
        }
        RenderProviders();

        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.NotEmpty(bell.FindAll("#notification-bell")));
        Assert.Equal("Notificaciones: 1 sin leer", bell.Find("#notification-bell").GetAttribute("aria-label"));
        bell.Find("#notification-bell").Click();
        bell.WaitForAssertion(() => Assert.NotEmpty(bell.FindAll("#notification-panel")));

        var panel = bell.Find("#notification-panel");
        Assert.Equal("Marcar todas como leídas", bell.Find("#notification-mark-all").TextContent.Trim());
        Assert.Contains("Notificaciones", panel.TextContent, StringComparison.Ordinal);
        Assert.Equal("Sin leer", panel.QuerySelector("[data-testid=notification-item] span[title]")!.GetAttribute("title"));
        Assert.DoesNotContain("Mark all read", panel.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Notifications", panel.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Unread", panel.OuterHtml, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Agent_reading_Spanish_sees_an_empty_bell_in_Spanish() => InCultureAsync("es", () =>
    {
        SignIn(Roles.Agent);
        RenderProviders();

        var bell = Render<NotificationBell>();
        bell.WaitForAssertion(() => Assert.NotEmpty(bell.FindAll("#notification-bell")));
        Assert.Equal("Notificaciones: no hay notificaciones sin leer", bell.Find("#notification-bell").GetAttribute("aria-label"));
        bell.Find("#notification-bell").Click();
        bell.WaitForAssertion(() => Assert.NotEmpty(bell.FindAll("#notifications-empty")));

        Assert.Equal("Nada por ahora. Aquí aparecen los recordatorios de racha y los avisos de caducidad.",
            bell.Find("#notifications-empty").TextContent.Trim());
        Assert.DoesNotContain("Nothing yet", bell.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Agent_reading_Spanish_sees_the_preferences_card_in_Spanish() => InCultureAsync("es", () =>
    {
        SignIn(Roles.Agent);
        RenderProviders();

        var card = Render<MyPreferences>();

        card.WaitForAssertion(() => Assert.NotEmpty(card.FindAll("#preferences-visible")));
        Assert.Equal("Cómo te ven tus compañeros en las tablas de clasificación. Tú siempre ves tu propio puesto; las tablas de equipos cuentan los puntos de todos.",
            card.Find("#preferences-visibility-label").TextContent.Trim());
        Assert.Contains("Con mi nombre (visible)", card.Markup, StringComparison.Ordinal);
        Assert.Contains("Como «Agente anónimo»", card.Markup, StringComparison.Ordinal);
        Assert.Contains("Oculto para los compañeros", card.Markup, StringComparison.Ordinal);
        Assert.Contains("Avisarme por la tarde cuando mi racha vaya a terminar a medianoche", card.Markup, StringComparison.Ordinal);
        Assert.Equal("Páginas claras u oscuras.", card.Find("#preferences-theme-label").TextContent.Trim());
        Assert.Contains("Como esté configurado mi dispositivo", card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("By name (visible)", card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden from colleagues", card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Light or dark pages", card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("As my device is set", card.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Agent_reading_Spanish_sees_the_theme_toggle_labelled_in_Spanish() => InCultureAsync("es", () =>
    {
        SignIn(Roles.Agent);
        RenderProviders();

        var toggle = Render<ThemeToggle>();

        // Light pages by default: the toggle offers dark mode.
        Assert.Equal("false", toggle.Find("#theme-toggle").GetAttribute("data-dark"));
        Assert.Equal("Cambiar al modo oscuro", toggle.Find("#theme-toggle").GetAttribute("aria-label"));
        Assert.DoesNotContain("Switch to", toggle.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });
}
