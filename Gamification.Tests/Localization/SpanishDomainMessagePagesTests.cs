using Bunit;

using Gamification.Tests.Components;
using Gamification.Web.Components.Pages.Admin;

using MudBlazor;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// A domain failure thrown by a real Core service reads in the reader's language, and so does the page that shows it
/// (the stock dialog shows the service's message under its field, with no translation of its own).
/// </summary>
public sealed class SpanishDomainMessagePagesTests : PageTestContext
{
    [Fact]
    public Task A_stock_change_below_zero_is_refused_in_Spanish_by_the_service() => InCultureAsync("es", async () =>
    {
        var reward = await SeedRewardAsync("Team lunch", 500, stock: 5);

        var failure = await Assert.ThrowsAsync<DomainException>(() =>
            RunAsync<RewardService, RewardView>(s => s.AdjustStockAsync(reward.Id, -7, "Inventario", AdminId)));

        Assert.Equal("A Team lunch le quedan 5; el stock no puede bajar de 0.", failure.Message);
        Assert.Equal("A Team lunch le quedan 5; el stock no puede bajar de 0.", Assert.Single(failure.Errors!["change"]));
        Assert.Equal("Team lunch has 5 left; the stock cannot go below 0.", failure.EnglishMessage);
        Assert.Equal(5, Db(db => db.RewardItems.IgnoreQueryFilters().Single(r => r.Id == reward.Id).Stock));
    });

    [Fact]
    public Task The_stock_dialog_shows_the_services_error_in_Spanish() => InCultureAsync("es", async () =>
    {
        var reward = await SeedRewardAsync("Team lunch", 500, stock: 5);
        var (providers, dialog) = await OpenDialogAsync<StockDialog>(new DialogParameters<StockDialog> { { d => d.Reward, reward } });
        providers.WaitForAssertion(() => Assert.Single(providers.FindAll("#stock-history tbody tr")));

        providers.Find("#stock-amount").Input("2000000");
        providers.Find("#stock-reason").Input("Inventario");
        providers.Find("#stock-save").Click();

        providers.WaitForAssertion(() => Assert.Equal("El cambio es un número de artículos distinto de cero (como máximo 1.000.000 en cada sentido).",
            FieldError(providers, "#stock-amount")));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(5, Db(db => db.RewardItems.IgnoreQueryFilters().Single(r => r.Id == reward.Id).Stock));
    });

    [Fact]
    public Task The_same_dialog_shows_the_error_in_English_by_default() => InCultureAsync("en", async () =>
    {
        var reward = await SeedRewardAsync("Team lunch", 500, stock: 5);
        var (providers, _) = await OpenDialogAsync<StockDialog>(new DialogParameters<StockDialog> { { d => d.Reward, reward } });
        providers.WaitForAssertion(() => Assert.Single(providers.FindAll("#stock-history tbody tr")));

        providers.Find("#stock-amount").Input("2000000");
        providers.Find("#stock-reason").Input("Inventory");
        providers.Find("#stock-save").Click();

        providers.WaitForAssertion(() => Assert.Equal("The change is a number of items, not zero (at most 1,000,000 either way).",
            FieldError(providers, "#stock-amount")));
    });
}
