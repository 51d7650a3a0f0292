using Bunit;

using Gamification.Tests.Components;
using Gamification.Web.Components.Pages.Rewards;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// A reader whose language is Spanish reads the rewards shop's cards and their redemption history in Spanish, with
/// Spanish numbers; the same components stay English by default.
/// </summary>
public sealed class SpanishSharedComponentsTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    private static ShopItem Item(int cost, int stock, bool canRedeem, bool approval = false) => new(
        new RewardView(7, "Cinema ticket", "", null, RewardCategory.Experience, cost, stock, false, true, approval, 30, "", 2,
            RewardLimitPeriod.Month, Now, 0),
        canRedeem, canRedeem ? 0 : 100, stock != 0, 1, canRedeem, null, 5, true);

    [Fact]
    public Task Agent_reading_Spanish_sees_a_reward_card_in_Spanish() => InCultureAsync("es", () =>
    {
        var card = Render<RewardCard>(p => p.Add(c => c.Item, Item(cost: 1500, stock: 3, canRedeem: true, approval: true)));

        Assert.Equal("Canjear", card.Find("[data-testid=redeem-7]").TextContent.Trim());
        Assert.Equal("Quedan 3", card.Find("[data-testid=reward-stock-7]").TextContent.Trim());
        Assert.Equal("2 al mes, quedan 1", card.Find("[data-testid=reward-limit-7]").TextContent.Trim());
        Assert.Equal("Requiere aprobación", card.Find("[data-testid=reward-approval-7]").TextContent.Trim());
        Assert.Contains("Canjeado 5 veces en los últimos", card.Markup, StringComparison.Ordinal);
        Assert.Contains("Experiencia", card.Markup, StringComparison.Ordinal);
        Assert.Contains("1.500", card.Find("[data-testid=reward-cost-7]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Needs approval", card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Redeem", card.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Agent_reading_Spanish_sees_an_out_of_stock_card_and_an_empty_history_in_Spanish() => InCultureAsync("es", () =>
    {
        var card = Render<RewardCard>(p => p.Add(c => c.Item, Item(cost: 200, stock: 0, canRedeem: false)));
        var history = Render<RedemptionHistory>(p => p.Add(c => c.Items, Array.Empty<RedemptionView>()));

        Assert.Equal("Agotado", card.Find("[data-testid=redeem-7]").TextContent.Trim());
        Assert.Contains("Aún no tienes canjes", history.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Out of stock", card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("No redemptions yet", history.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task The_same_card_is_English_by_default() => InCultureAsync("en", () =>
    {
        var card = Render<RewardCard>(p => p.Add(c => c.Item, Item(cost: 1500, stock: 3, canRedeem: true, approval: true)));
        var history = Render<RedemptionHistory>(p => p.Add(c => c.Items, Array.Empty<RedemptionView>()));

        Assert.Equal("Redeem", card.Find("[data-testid=redeem-7]").TextContent.Trim());
        Assert.Equal("3 left", card.Find("[data-testid=reward-stock-7]").TextContent.Trim());
        Assert.Equal("2 per month, 1 left", card.Find("[data-testid=reward-limit-7]").TextContent.Trim());
        Assert.Equal("Needs approval", card.Find("[data-testid=reward-approval-7]").TextContent.Trim());
        Assert.Contains("Redeemed 5 times in the last", card.Markup, StringComparison.Ordinal);
        Assert.Contains("1,500", card.Find("[data-testid=reward-cost-7]").TextContent, StringComparison.Ordinal);
        Assert.Contains("No redemptions yet", history.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });
}
