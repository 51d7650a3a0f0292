using Bunit;

using Gamification.Web.Components.Pages.Help;

namespace Gamification.Tests.Components;

/// <summary>
/// "How points work" is generated from the tenant's live settings: change a rule and the page says the new figure,
/// computed by the engine's own rules; the reader's level and daily cap are marked.
/// </summary>
public sealed class HowPointsWorkTests : PageTestContext
{

    [Fact]
    public async Task The_page_follows_the_settings_and_marks_the_readers_level()
    {
        await using (var db = NewContext())
        {
            var config = await db.GamificationConfigs.IgnoreQueryFilters().SingleAsync(c => c.TenantId == TenantId);
            (config.PointsPerCall, config.PerfectCallMultiplier, config.PerfectCallBonus, config.StreakMultiplier, config.StreakBonusMinDays) = (12, 3, 4, 2m, 3);
            (config.PointsDecayPercent, config.DecayPeriodDays, config.MaxDailyPoints, config.DailyCapRaisePerLevel) = (7, 20, 400, 25);
            await db.SaveChangesAsync();
        }
        await GivePointsAsync(AgentId, 50);
        SignIn(Roles.Agent);

        var page = Render<HowPointsWork>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#how-activity tbody tr")));
        var rows = page.FindAll("#how-activity tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Completed call", StringComparison.Ordinal) && r.Contains("12", StringComparison.Ordinal) && r.Contains("24", StringComparison.Ordinal));
        // 12 x 3 + 4 = 40 plain; floor(12 x 3 x 2) + 4 = 76 on a streak.
        Assert.Contains(rows, r => r.Contains("Perfect call", StringComparison.Ordinal) && r.Contains("40", StringComparison.Ordinal) && r.Contains("76", StringComparison.Ordinal));
        Assert.Contains("after 20 days without any activity you lose 7 %", page.Find("#how-decay").TextContent, StringComparison.Ordinal);
        Assert.Contains("at most 400 activity points a day", page.Find("#how-cap").TextContent.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("From day 3", page.Find("#how-streak").TextContent, StringComparison.Ordinal);
        Assert.Contains("nothing is", page.Find("#how-fair-play").TextContent, StringComparison.Ordinal);
        var mine = page.Find("#how-levels tr.how-my-level");
        Assert.Contains("You", mine.TextContent, StringComparison.Ordinal);
        Assert.Contains("400", mine.TextContent, StringComparison.Ordinal);
        Assert.Contains("425", page.FindAll("#how-levels tbody tr")[1].TextContent, StringComparison.Ordinal);
    }
}
