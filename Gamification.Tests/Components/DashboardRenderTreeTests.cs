using System.Reflection;

using Bunit;

using Gamification.Web.Components.Pages.Dashboard;

using Microsoft.AspNetCore.Components.RenderTree;

namespace Gamification.Tests.Components;

/// <summary>
/// The agent's dashboard stays under 512 render-tree frames with everything on it (a full ledger page, the pager at its
/// widest, the level's privileges): every open tab keeps the page's current and previous trees, each in a pooled array
/// of a power of two frames, so 512 frames or more cost every tab a 1,024-frame pair, 41 KB more all day
/// (docs/performance.md, Memory per open dashboard, session 13). Not a timing: a count of what the page draws.
/// </summary>
public sealed class DashboardRenderTreeTests : PageTestContext
{
    private const int FrameBudget = 512;

    [Fact]
    public async Task A_full_dashboard_draws_fewer_than_512_frames()
    {
        SignIn(Roles.Agent);
        // 90 calls: ten ledger pages, so the pager shows all its buttons (two arrows, seven pages, two gaps).
        for (var i = 0; i < 90; i++)
        {
            await CallAsync(AgentId, rating: 5, at: Now.AddMinutes(-10 * i));
        }
        RenderProviders();

        var page = Render<GamificationDashboard>();
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll("#dash-transactions tbody tr").Count));
        Assert.Equal(11, page.FindAll("#dash-pages li").Count);
        Assert.NotNull(page.Find("#dash-level-privileges"));

        var frames = Frames(page.ComponentId);
        Assert.True(frames < FrameBudget, $"The dashboard draws {frames} frames (budget: fewer than {FrameBudget}); see docs/performance.md, Memory per open dashboard.");
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
