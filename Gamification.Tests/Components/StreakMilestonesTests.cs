using Bunit;

using Gamification.Web.Components.Shared;

namespace Gamification.Tests.Components;

/// <summary>The dashboard's streak milestones: those the longest streak reached are lit; the next one says how far it is.</summary>
public sealed class StreakMilestonesTests : MudTestContext
{
    private static string[] Reached(IRenderedComponent<StreakMilestones> view) =>
        view.FindAll("[data-reached=true]").Select(e => e.GetAttribute("data-testid")!).ToArray();

    [Fact]
    public void The_milestones_the_longest_streak_reached_are_lit_and_the_next_one_counts_down_from_the_current_streak()
    {
        var view = Render<StreakMilestones>(p => p.Add(m => m.Longest, 9).Add(m => m.Current, 5));

        Assert.Equal(["streak-milestone-3", "streak-milestone-7"], Reached(view));
        Assert.Equal(6, view.FindAll("[data-testid^=streak-milestone-]").Count);
        Assert.Equal("7", view.Find("#streak-next-milestone").GetAttribute("data-value"));
        Assert.Equal("2 days more to a 7-day streak", view.Find("#streak-next-milestone").TextContent.Trim());
    }

    [Fact]
    public void A_new_agent_has_none_lit_and_past_the_last_milestone_there_is_no_next_one()
    {
        var none = Render<StreakMilestones>(p => p.Add(m => m.Longest, 0).Add(m => m.Current, 0));
        var all = Render<StreakMilestones>(p => p.Add(m => m.Longest, 120).Add(m => m.Current, 100));

        Assert.Empty(Reached(none));
        Assert.Equal("3 days more to a 3-day streak", none.Find("#streak-next-milestone").TextContent.Trim());
        Assert.Equal(6, Reached(all).Length);
        Assert.Empty(all.FindAll("#streak-next-milestone"));
    }
}
