using System.Reflection;

using Bunit;

using Gamification.Core.Tenants;
using Gamification.Web.Components.Pages.Dashboard;
using Gamification.Web.Components.Shared;

using Microsoft.AspNetCore.Components.RenderTree;

namespace Gamification.Tests.Components;

/// <summary>
/// The agent's dashboard stays under 512 render-tree frames with everything on it (a full ledger page, the pager at its
/// widest, the level's privileges), and its challenge tracker and badge showcase (the starter catalog, badges earned)
/// under 256 each: every open tab keeps each component's current and previous trees, each in a pooled array of a power
/// of two frames, so one frame past the line doubles the pair (the page's: 41 KB more a tab all day;
/// docs/performance.md, Memory per open dashboard, session 13). Not a timing: a count of what the page draws.
/// </summary>
public sealed class DashboardRenderTreeTests : PageTestContext
{
    [Fact]
    public async Task A_full_dashboard_draws_within_its_frame_budgets()
    {
        SignIn(Roles.Agent);
        // The starter catalog: four challenges on the tracker, earned and locked badges on the showcase.
        using (var db = NewContext())
        {
            db.Badges.AddRange(StarterCatalog.Badges(TenantId, Now));
            db.Challenges.AddRange(StarterCatalog.Challenges(TenantId, GamificationPreset.Moderate, Now));
            db.SaveChanges();
        }
        // 90 calls: ten ledger pages, so the pager shows all its buttons (two arrows, seven pages, two gaps).
        for (var i = 0; i < 90; i++)
        {
            await CallAsync(AgentId, rating: 5, at: Now.AddMinutes(-10 * i));
        }
        RenderProviders();

        var page = Render<GamificationDashboard>();
        page.WaitForAssertion(() => Assert.Multiple(
            () => Assert.Equal(10, page.FindAll("#dash-transactions tbody tr").Count),
            () => Assert.NotEmpty(page.FindAll("#dash-challenges [data-completed]")),
            () => Assert.NotEmpty(page.FindAll("#dash-badges .badge-icon"))));
        Assert.Equal(11, page.FindAll("#dash-pages li").Count);
        Assert.NotNull(page.Find("#dash-level-privileges"));

        Assert.Multiple(
            () => WithinBudget("The dashboard", page.ComponentId, 512),
            () => WithinBudget("The challenge tracker", page.FindComponent<ChallengeTracker>().ComponentId, 256),
            () => WithinBudget("The badge showcase", page.FindComponent<BadgeShowcase>().ComponentId, 256));
    }

    private void WithinBudget(string what, int componentId, int budget)
    {
        var frames = Frames(componentId);
        Assert.True(frames < budget, $"{what} draws {frames} frames (budget: fewer than {budget}); see docs/performance.md, Memory per open dashboard.");
    }

    /// <summary>The frames of the component's current render tree (the renderer's own count, read as a subclass would).</summary>
    private int Frames(int componentId)
    {
#pragma warning disable BL0006 // The frames are what is counted; nothing else is read from them.
        var current = typeof(Microsoft.AspNetCore.Components.RenderTree.Renderer)
            .GetMethod("GetCurrentRenderTreeFrames", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(int)])!;
        return ((ArrayRange<RenderTreeFrame>)current.Invoke(Renderer, [componentId])!).Count;
#pragma warning restore BL0006
    }
}
