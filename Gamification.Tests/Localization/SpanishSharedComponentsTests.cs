using Bunit;

using Gamification.Tests.Components;
using Gamification.Web;
using Gamification.Web.Components.Pages.Rewards;
using Gamification.Web.Components.Shared;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

using MudBlazor;

using static Gamification.Tests.Localization.Culture;

namespace Gamification.Tests.Localization;

/// <summary>
/// A reader whose language is Spanish reads the rewards shop's cards and their redemption history, the challenge
/// tracker, the leaderboard table and the points snackbar in Spanish, with Spanish numbers; the same components stay
/// English by default.
/// </summary>
public sealed class SpanishSharedComponentsTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    public SpanishSharedComponentsTests()
    {
        // The challenge tracker counts the time left on this clock.
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

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

    private static ChallengeProgressView Challenge(long id, string name, int progress, int target, TimeSpan left, int reward) =>
        new(id, name, name + ".", ChallengeType.Weekly, ObjectiveType.TotalCalls, ChallengeDifficulty.Medium, progress, target, 0, 0,
            progress * 100 / target, false, null, DateOnly.FromDateTime(Now.UtcDateTime), DateOnly.FromDateTime(Now.Add(left).UtcDateTime),
            Now.Add(left), left, reward, null, null, false, null, null, null);

    [Fact]
    public Task Agent_reading_Spanish_sees_the_challenge_tracker_in_Spanish() => InCultureAsync("es", () =>
    {
        var tracker = Render<ChallengeTracker>(p => p
            .Add(x => x.Challenges, [Challenge(7, "Call Blitz", progress: 32, target: 50, left: new TimeSpan(3, 20, 0), reward: 1500)])
            .Add(x => x.Compact, true));

        Assert.Equal("Termina en 3 h 20 min", tracker.Find("[data-testid=challenge-status-7]").TextContent.Trim());
        Assert.Equal("Media", tracker.Find("[data-testid=challenge-difficulty-7]").TextContent.Trim());
        Assert.Contains("+1.500 pts", tracker.Find("[data-testid=challenge-reward-7]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0 de 1 completados", tracker.Find("[data-testid=challenge-tracker-count]").TextContent.Trim());
        Assert.Equal("Ver todos", tracker.Find("[data-testid=challenge-tracker-see-all]").TextContent.Trim());
        Assert.Contains(">Retos<", tracker.Markup, StringComparison.Ordinal);
        Assert.Contains("title=\"Puntos que se pagan al completarlo\"", tracker.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("min left", tracker.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Medium", tracker.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(" of 1 completed", tracker.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("See all", tracker.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(">Challenges<", tracker.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Points paid on completion", tracker.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Agent_reading_Spanish_sees_an_empty_challenge_tracker_in_Spanish() => InCultureAsync("es", () =>
    {
        var tracker = Render<ChallengeTracker>(p => p.Add(x => x.Challenges, Array.Empty<ChallengeProgressView>()));

        Assert.Equal("No hay retos activos ahora mismo. Los nuevos retos diarios empiezan a medianoche.",
            tracker.Find("[data-testid=challenge-tracker-empty]").TextContent.Trim());
        Assert.DoesNotContain("No active challenges", tracker.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    private static LeaderboardEntryView Ranked(int rank, string userId, string name, long points, long change = 0, int? previous = null,
        int badges = 0, int streak = 0, bool caller = false) =>
        new(rank, userId, null, name, null, points, change, previous, badges, streak, caller);

    private static LeaderboardPage Board(params LeaderboardEntryView[] entries) =>
        new(LeaderboardPeriod.Weekly, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8), entries, null, entries.Length, 100, 0, Now, Now.AddHours(-6));

    [Fact]
    public Task Agent_reading_Spanish_sees_the_leaderboard_table_in_Spanish() => InCultureAsync("es", () =>
    {
        var mine = Ranked(57, "me", "Me Myself", 40, caller: true);
        var page = Board(Ranked(1, "ann", "Ann", 2450, change: 120, previous: 3, badges: 15, streak: 7), Ranked(2, "bob", "Bob", 2300, previous: 2, badges: 1));
        var table = Render<LeaderboardTable>(p => p.Add(x => x.Page, page with { UserRank = mine }));

        var ann = table.Find("[data-testid=lb-row-1-ann]");
        Assert.Contains("2.450", ann.QuerySelector(".lb-points")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("+120 hoy", ann.QuerySelector(".lb-change")!.TextContent.Trim());
        Assert.Equal("Sube 2 desde el n.º 3", ann.QuerySelector(".lb-move")!.GetAttribute("title"));
        Assert.Equal("Oro", ann.QuerySelector(".lb-medal")!.GetAttribute("title"));
        Assert.Equal("15 insignias", ann.QuerySelector(".lb-badges")!.GetAttribute("title"));
        Assert.Equal("Racha de 7 días", ann.QuerySelector(".lb-streak")!.GetAttribute("title"));
        var bob = table.Find("[data-testid=lb-row-2-bob]");
        Assert.Equal("Sigue en el n.º 2", bob.QuerySelector(".lb-move")!.GetAttribute("title"));
        Assert.Equal("1 insignia", bob.QuerySelector(".lb-badges")!.GetAttribute("title"));
        Assert.Equal("Plata", bob.QuerySelector(".lb-medal")!.GetAttribute("title"));
        Assert.Equal("Los tres primeros", table.Find("#lb-podium").GetAttribute("aria-label"));
        Assert.Equal("Tu puesto", table.Find("#lb-pinned .lb-pinned-label").TextContent.Trim());
        Assert.Equal("Tú", table.Find("#lb-pinned .lb-you").TextContent.Trim());
        Assert.DoesNotContain("Your place", table.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Top three", table.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("today", table.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Gold", table.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("title=\"15 badges\"", table.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("title=\"1 badge\"", table.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("day streak", table.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    [Fact]
    public Task Agent_reading_Spanish_sees_an_empty_leaderboard_in_Spanish() => InCultureAsync("es", () =>
    {
        var table = Render<LeaderboardTable>(p => p.Add(x => x.Page, Board()));

        Assert.Equal("Aún no hay puntos esta semana: la primera llamada se pone en cabeza", table.Find("#lb-empty .lb-empty-title").TextContent.Trim());
        Assert.DoesNotContain("No points yet", table.Markup, StringComparison.Ordinal);
        return Task.CompletedTask;
    });

    private static PointsNotification Change(long delta, string message, TransactionType? type = null, long points = 0, string? reason = null) =>
        new(Guid.NewGuid(), "agent", 1500, 1500, 40, 500, 1, 1, null, delta, message, EntryType: type, EntryPoints: points, EntryReason: reason);

    [Fact]
    public Task Agent_reading_Spanish_gets_points_snackbars_in_Spanish() => InCultureAsync("es", () =>
    {
        var l = Services.GetRequiredService<IStringLocalizer<SharedResource>>();

        var latest = PointsIndicator.SnackbarText(l, Change(40, "Completed call: +10", TransactionType.Activity, 10, "Completed call"));
        var capped = PointsIndicator.SnackbarText(l, Change(0, "daily cap reached", TransactionType.Activity, 0, "daily cap reached"));
        var bare = PointsIndicator.SnackbarText(l, Change(-25, ""));

        Assert.Equal(("+40 puntos (último: Completed call +10)", Severity.Success), latest);
        Assert.Equal(("Límite diario alcanzado: hoy no hay más puntos por actividad", Severity.Warning), capped);
        Assert.Equal(("-25 puntos", Severity.Warning), bare);
        Assert.DoesNotContain("points", latest.Text + capped.Text + bare.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Daily cap reached", capped.Text, StringComparison.Ordinal);
        return Task.CompletedTask;
    });
}
