using AngleSharp.Dom;

using Bunit;

using Gamification.Web;
using Gamification.Web.Components.Pages.Admin;
using Gamification.Web.Components.Shared;

using Microsoft.Extensions.Localization;

using MudBlazor;

namespace Gamification.Tests.Components;

/// <summary>
/// The admin challenge editor over a real SQLite database, the real challenge service and the points engine: the
/// dialog shows the server's errors by their fields and stores nothing; the list shows objectives in words and the
/// completion rate against the difficulty's target; ending a challenge moves it to Past.
/// </summary>
public sealed class ChallengeEditorTests : PageTestContext
{
    /// <summary>The pages' texts, in the test's culture.</summary>
    private IStringLocalizer L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public async Task Saving_an_empty_challenge_shows_the_errors_by_their_fields_and_keeps_the_dialog_open()
    {
        var (providers, dialog) = await SaveEmptyDialogAsync<ChallengeDialog>("challenge");

        Assert.NotEmpty(FieldError(providers, "#challenge-name"));
        Assert.NotEmpty(FieldError(providers, "#challenge-target"));
        Assert.Empty(FieldError(providers, "#challenge-reward"));
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(0, Count<Challenge>());
    }

    [Fact]
    public async Task A_special_challenge_needs_its_dates()
    {
        var (providers, _) = await OpenDialogAsync<ChallengeDialog>();
        Assert.Empty(providers.FindAll("#challenge-end"));

        Choose(providers, "#challenge-type", "Special");
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("#challenge-end")));
        providers.Find("#challenge-name").Change("Spring Push");
        providers.Find("#challenge-target").Input("100");
        providers.Find("#challenge-save").Click();

        providers.WaitForAssertion(() => Assert.NotEmpty(FieldError(providers, "#challenge-start")));
        Assert.Contains("start and an end date", FieldError(providers, "#challenge-start"), StringComparison.Ordinal);
        Assert.Equal(0, Count<Challenge>());
    }

    [Fact]
    public async Task An_average_rating_challenge_asks_for_rated_calls_and_is_created()
    {
        var (providers, dialog) = await OpenDialogAsync<ChallengeDialog>();
        Assert.Empty(providers.FindAll("#challenge-min-rated-calls"));

        Choose(providers, "#challenge-objective", "Average rating");
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("#challenge-min-rated-calls")));
        providers.Find("#challenge-name").Change("Happy Customers");
        providers.Find("#challenge-target").Input("4");
        providers.Find("#challenge-min-rated-calls").Input("10");
        providers.Find("#challenge-reward").Input("50");
        providers.WaitForAssertion(() => Assert.Contains("avg rating ≥ 4 over 10 rated calls each week", providers.Find("#challenge-goal-preview").TextContent, StringComparison.Ordinal));
        providers.Find("#challenge-save").Click();

        var saved = Assert.IsType<ChallengeAdminView>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))?.Data);
        Assert.Equal((ObjectiveType.AvgRating, 4, 10, 50, ChallengeType.Weekly), (saved.Objective, saved.Target, saved.MinRatedCalls, saved.PointsReward, saved.Type));
        Assert.Equal(1, Count<Challenge>());
    }

    [Fact]
    public async Task The_objective_list_offers_the_satisfaction_rate_and_the_leaderboard_rank()
    {
        var (providers, _) = await OpenDialogAsync<ChallengeDialog>();

        providers.Find("#challenge-objective .mud-input-control").MouseDown();

        Popovers.WaitForAssertion(() => Assert.NotEmpty(Popovers.FindAll(".mud-popover-open .mud-list-item")));
        Assert.Equal(
            ["Completed calls", "Leads converted", "Perfect calls (5★)", "Quality reviews", "Points earned", "Average rating",
                "Satisfaction rate (% rated 4–5★)", "Leaderboard rank (top N)"],
            Popovers.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()));
    }

    [Fact]
    public async Task A_satisfaction_rate_challenge_asks_for_a_percentage_and_rated_calls_and_is_created()
    {
        var (providers, dialog) = await OpenDialogAsync<ChallengeDialog>();

        Choose(providers, "#challenge-objective", "Satisfaction rate");
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("#challenge-min-rated-calls")));
        Choose(providers, "#challenge-type", "Monthly");
        providers.Find("#challenge-name").Change("90% Satisfaction");
        providers.Find("#challenge-target").Input("90");
        providers.Find("#challenge-min-rated-calls").Input("20");
        providers.Find("#challenge-reward").Input("300");
        Assert.Equal("1 to 100: the share of rated calls rated 4 or 5.", FieldHelp(providers, "#challenge-target"));
        providers.WaitForAssertion(() => Assert.Contains("≥ 90% rated 4–5★ over 20 rated calls each month", providers.Find("#challenge-goal-preview").TextContent, StringComparison.Ordinal));
        providers.Find("#challenge-save").Click();

        var saved = Assert.IsType<ChallengeAdminView>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))?.Data);
        Assert.Equal((ObjectiveType.SatisfactionRate, 90, 20, 300, ChallengeType.Monthly), (saved.Objective, saved.Target, saved.MinRatedCalls, saved.PointsReward, saved.Type));
        Assert.Equal(1, Count<Challenge>());
    }

    [Fact]
    public async Task A_leaderboard_rank_challenge_refuses_a_rank_of_0_and_is_created_with_a_top_3()
    {
        var (providers, dialog) = await OpenDialogAsync<ChallengeDialog>();

        Choose(providers, "#challenge-objective", "Leaderboard rank");
        Choose(providers, "#challenge-type", "Seasonal");
        providers.Find("#challenge-name").Change("Q1 Top Performer");
        providers.Find("#challenge-target").Input("0");
        providers.Find("#challenge-reward").Input("1000");
        providers.Find("#challenge-save").Click();

        providers.WaitForAssertion(() => Assert.NotEmpty(FieldError(providers, "#challenge-target")));
        Assert.Equal("For a leaderboard rank, the target is the rank to finish at or above: 1 to 1,000 (3: the top 3).", FieldError(providers, "#challenge-target"));
        Assert.Empty(providers.FindAll("#challenge-min-rated-calls"));
        Assert.Equal(0, Count<Challenge>());
        Assert.False(dialog.Result.IsCompleted);

        providers.Find("#challenge-target").Input("3");
        providers.WaitForAssertion(() => Assert.Contains("top 3 on the leaderboard each quarter", providers.Find("#challenge-goal-preview").TextContent, StringComparison.Ordinal));
        providers.Find("#challenge-save").Click();

        var saved = Assert.IsType<ChallengeAdminView>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))?.Data);
        Assert.Equal((ObjectiveType.LeaderboardRank, 3, 0, 1000, ChallengeType.Seasonal), (saved.Objective, saved.Target, saved.MinRatedCalls, saved.PointsReward, saved.Type));
        Assert.Equal(1, Count<Challenge>());
    }

    [Fact]
    public async Task The_list_shows_the_completion_rate_against_the_target_and_ending_moves_a_challenge_to_past()
    {
        var easy = await CreateAsync("Two Calls Easy", ChallengeDifficulty.Easy);
        var hard = await CreateAsync("Two Calls Hard", ChallengeDifficulty.Hard);
        // One of the two participants completes each: 50%, on target for easy, far above hard's 5%.
        await CallAsync(AgentId);
        await CallAsync(AgentId);
        await CallAsync(SecondAgentId);
        var providers = RenderProviders();

        var page = Render<ChallengeEditor>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#challenges-active tbody tr").Count));
        var easyRow = Row(page, "Two Calls Easy");
        Assert.Contains("2 calls", easyRow.QuerySelector(".challenge-objective")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("+77", easyRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Individual", easyRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Today, 4 Mar", easyRow.TextContent, StringComparison.Ordinal);
        var easyRate = easyRow.QuerySelector(".challenge-rate [data-near]")!;
        Assert.Contains("50% (target 50%)", Squash(easyRate.TextContent), StringComparison.Ordinal);
        Assert.Equal("true", easyRate.GetAttribute("data-near"));
        var hardRate = Row(page, "Two Calls Hard").QuerySelector(".challenge-rate [data-near]")!;
        Assert.Contains("50% (target 5%)", Squash(hardRate.TextContent), StringComparison.Ordinal);
        Assert.Equal("false", hardRate.GetAttribute("data-near"));
        Assert.Contains("1 of 2 completed", Row(page, "Two Calls Hard").TextContent, StringComparison.Ordinal);

        Row(page, "Two Calls Hard").QuerySelector(".challenge-end")!.Click();
        providers.WaitForAssertion(() => Assert.Contains("End “Two Calls Hard” now?", providers.Markup, StringComparison.Ordinal));
        providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("End challenge", StringComparison.Ordinal)).Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#challenges-active tbody tr")));
        Assert.Contains("Past (1)", page.Find("#challenge-tabs").TextContent, StringComparison.Ordinal);
        Assert.False(Db(db => db.Challenges.IgnoreQueryFilters().Single(c => c.Id == hard.Id).IsActive));
        Assert.True(Db(db => db.Challenges.IgnoreQueryFilters().Single(c => c.Id == easy.Id).IsActive));
    }

    [Fact]
    public async Task Editing_a_challenge_changes_what_was_edited_and_keeps_its_start()
    {
        var created = await CreateAsync("Two Calls", ChallengeDifficulty.Easy);
        var startBefore = Db(db => db.Challenges.IgnoreQueryFilters().Single(c => c.Id == created.Id).StartDate);
        Clock.Advance(TimeSpan.FromHours(2));
        var (providers, dialog) = await OpenDialogAsync<ChallengeDialog>(new DialogParameters<ChallengeDialog> { { d => d.Challenge, created } });
        Assert.Equal("Two Calls", providers.Find("#challenge-name").GetAttribute("value"));

        providers.Find("#challenge-reward").Input("90");
        providers.Find("#challenge-save").Click();

        var saved = Assert.IsType<ChallengeAdminView>((await dialog.Result.WaitAsync(TimeSpan.FromSeconds(10)))?.Data);
        Assert.Equal((90, 2, ChallengeDifficulty.Easy), (saved.PointsReward, saved.Target, saved.Difficulty));
        Assert.Equal(startBefore, Db(db => db.Challenges.IgnoreQueryFilters().Single(c => c.Id == created.Id).StartDate));
    }

    [Theory]
    [InlineData(0.25, 0.25, true)]
    [InlineData(0.13, 0.25, true)]
    [InlineData(0.37, 0.25, true)]
    [InlineData(0.10, 0.25, false)]
    [InlineData(0.40, 0.25, false)]
    [InlineData(0.50, 0.05, false)]
    public void Near_the_target_means_within_half_of_it(double rate, double target, bool near) =>
        Assert.Equal(near, ChallengeEditor.IsNearTarget((decimal)rate, (decimal)target));

    [Theory]
    [InlineData(ObjectiveType.TotalCalls, 50, 0, "50 calls")]
    [InlineData(ObjectiveType.TotalCalls, 1, 0, "1 call")]
    [InlineData(ObjectiveType.Conversions, 10, 0, "10 conversions")]
    [InlineData(ObjectiveType.PerfectCalls, 3, 0, "3 perfect calls")]
    [InlineData(ObjectiveType.QualityReviews, 5, 0, "5 quality reviews")]
    [InlineData(ObjectiveType.PointsEarned, 500, 0, "500 points earned")]
    [InlineData(ObjectiveType.AvgRating, 4, 10, "avg rating ≥ 4 over 10 rated calls")]
    [InlineData(ObjectiveType.SatisfactionRate, 90, 20, "≥ 90% rated 4–5★ over 20 rated calls")]
    [InlineData(ObjectiveType.SatisfactionRate, 75, 1, "≥ 75% rated 4–5★ over 1 rated call")]
    [InlineData(ObjectiveType.LeaderboardRank, 3, 0, "top 3 on the leaderboard")]
    [InlineData(ObjectiveType.LeaderboardRank, 1, 0, "rank 1 on the leaderboard")]
    public void Objectives_read_as_a_target(ObjectiveType objective, int target, int minRated, string expected) =>
        Assert.Equal(expected, GoalText.Objective(L, objective, target, minRated));

    private Task<ChallengeAdminView> CreateAsync(string name, ChallengeDifficulty difficulty) =>
        RunAsync<ChallengeService, ChallengeAdminView>(s => s.CreateAsync(new ChallengeInput(
            name, "Complete 2 calls today.", ChallengeType.Daily, ObjectiveType.TotalCalls, 2, null, 77, null, difficulty, null, null, false)));

    /// <summary>Opens the select inside <paramref name="wrapper"/> and picks the item with this text.</summary>
    private void Choose(IRenderedComponent<MudDialogProvider> providers, string wrapper, string item)
    {
        providers.Find($"{wrapper} .mud-input-control").MouseDown();
        Popovers.WaitForAssertion(() => Assert.NotEmpty(Popovers.FindAll(".mud-popover-open .mud-list-item")));
        Popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim().StartsWith(item, StringComparison.Ordinal)).Click();
    }

    private static IElement Row(IRenderedComponent<ChallengeEditor> page, string name) =>
        page.FindAll("#challenges-active tbody tr").Single(r => r.QuerySelector(".challenge-name")?.TextContent.Trim() == name);

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
