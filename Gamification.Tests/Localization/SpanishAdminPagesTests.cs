using Bunit;

using Gamification.Tests.Components;
using Gamification.Web.Components.Pages.Admin;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// An administrator whose language is Spanish reads the admin pages (the approval queue, the tenant settings, the reward
/// catalog) in Spanish; the same pages stay English by default.
/// </summary>
public sealed class SpanishAdminPagesTests : PageTestContext
{
    [Fact]
    public Task Admin_reading_Spanish_sees_the_approval_queue_in_Spanish() => InCultureAsync("es", () =>
    {
        RenderProviders();

        var page = Render<RedemptionQueue>();

        page.WaitForAssertion(() => Assert.Equal(
            "No hay nada pendiente de aprobación. Las solicitudes nuevas aparecen aquí solas.", page.Find("#queue-empty").TextContent.Trim()));
        Assert.Equal("Canjes", page.Find(".page-title").TextContent.Trim());
        Assert.Equal("Catálogo de premios", page.Find("#queue-catalog-link").TextContent.Trim());
        Assert.Contains("Agente", page.Find("#queue-table").TextContent, StringComparison.Ordinal);
        Assert.Contains("0 pendientes", page.Find("#queue-count").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing waits for approval", page.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Admin_reading_Spanish_sees_the_tenant_settings_in_Spanish() => InCultureAsync("es", () =>
    {
        RenderProviders();

        var settings = Render<Settings>();
        settings.WaitForAssertion(() => Assert.Equal("Guardar ajustes", settings.Find("#settings-save").TextContent.Trim()));
        Assert.Contains("Empieza con un preajuste", settings.Markup, StringComparison.Ordinal);
        Assert.Contains("Límite diario", settings.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Save settings", settings.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Admin_reading_Spanish_sees_the_reward_catalog_in_Spanish() => InCultureAsync("es", async () =>
    {
        await SeedRewardAsync("Team lunch", 500, RewardCategory.Experience, requiresApproval: true);
        RenderProviders();

        var page = Render<RewardEditor>();

        page.WaitForAssertion(() => Assert.Contains("Team lunch", page.Markup, StringComparison.Ordinal));
        Assert.Equal("Nuevo premio", page.Find("#reward-add").TextContent.Trim());
        Assert.Contains("Ilimitado", page.Find(".reward-stock").TextContent, StringComparison.Ordinal);
        Assert.Contains("Necesita aprobación", page.Find(".reward-approval").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Unlimited", page.Markup, StringComparison.Ordinal);
    });

    [Fact]
    public Task The_same_pages_are_English_by_default() => InCultureAsync("en", async () =>
    {
        await SeedRewardAsync("Team lunch", 500, RewardCategory.Experience, requiresApproval: true);
        RenderProviders();

        var queue = Render<RedemptionQueue>();
        queue.WaitForAssertion(() => Assert.Equal(
            "Nothing waits for approval. New requests appear here by themselves.", queue.Find("#queue-empty").TextContent.Trim()));
        Assert.Equal("Redemptions", queue.Find(".page-title").TextContent.Trim());

        var rewards = Render<RewardEditor>();
        rewards.WaitForAssertion(() => Assert.Contains("Unlimited", rewards.Find(".reward-stock").TextContent, StringComparison.Ordinal));
        Assert.Equal("New reward", rewards.Find("#reward-add").TextContent.Trim());

        var settings = Render<Settings>();
        settings.WaitForAssertion(() => Assert.Equal("Save settings", settings.Find("#settings-save").TextContent.Trim()));
    });
}
