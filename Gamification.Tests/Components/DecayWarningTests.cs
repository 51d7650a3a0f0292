using Bunit;

using Gamification.Web.Components.Shared;

namespace Gamification.Tests.Components;

/// <summary>The decay warning on the agent's pages: the day and the amount when it is close, nothing otherwise.</summary>
public sealed class DecayWarningTests : MudTestContext
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Fact]
    public void A_close_decay_says_when_and_how_much()
    {
        var warning = Render<DecayWarning>(p => p
            .Add(w => w.Forecast, new DecayForecast(new DateOnly(2026, 12, 12), 24, 30, 5, 84, Warn: true))
            .Add(w => w.Today, Today));

        var text = warning.Find("#decay-warning").TextContent;
        Assert.Contains("No activity for 24 days", text, StringComparison.Ordinal);
        Assert.Contains("you lose 5 %, 84 points", text, StringComparison.Ordinal);
        Assert.Contains(new DateOnly(2026, 12, 12).ToString("ddd d MMM", CultureInfo.CurrentCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tomorrow_reads_as_tomorrow_and_a_far_or_no_decay_shows_nothing()
    {
        var tomorrow = Render<DecayWarning>(p => p.Add(w => w.Forecast, new DecayForecast(Today.AddDays(1), 29, 30, 5, 10, true)).Add(w => w.Today, Today));
        var far = Render<DecayWarning>(p => p.Add(w => w.Forecast, new DecayForecast(Today.AddDays(9), 21, 30, 5, 10, false)).Add(w => w.Today, Today));
        var none = Render<DecayWarning>(p => p.Add(w => w.Forecast, null).Add(w => w.Today, Today));

        Assert.Contains(": tomorrow you lose", tomorrow.Find("#decay-warning").TextContent, StringComparison.Ordinal);
        Assert.Empty(far.FindAll("#decay-warning"));
        Assert.Empty(none.FindAll("#decay-warning"));
    }
}
