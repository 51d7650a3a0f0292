using Bunit;

using Gamification.Web;
using Gamification.Web.Components.Shared;

using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Gamification.Tests.Components;

/// <summary>
/// The challenge tracker, fed its data directly: progress against the target, the Completed state, a team's total
/// with the agent's own part, the average-rating wording, time left (counting down), reward and difficulty.
/// </summary>
public sealed class ChallengeTrackerTests : MudTestContext
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 10, 40, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);

    public ChallengeTrackerTests()
    {
        Services.AddSingleton<TimeProvider>(clock);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void An_open_challenge_shows_progress_time_left_reward_and_difficulty()
    {
        var tracker = Render<ChallengeTracker>(p => p.Add(x => x.Challenges,
            [Challenge(7, "Call Blitz", progress: 32, target: 50, left: new TimeSpan(3, 20, 0)) with { BadgeRewardId = 3, BadgeRewardName = "Century Club" }]));

        var item = tracker.Find("[data-testid=challenge-7]");
        Assert.Equal("false", item.GetAttribute("data-completed"));
        Assert.Equal("32 / 50 calls", tracker.Find("[data-testid=challenge-progress-7]").TextContent.Trim());
        Assert.Equal("64", tracker.Find("[data-testid=challenge-bar-7]").GetAttribute("data-value"));
        Assert.Equal("64", tracker.Find("[data-testid=challenge-bar-7] [role=progressbar]").GetAttribute("aria-valuenow"));
        Assert.Equal("3 h 20 min left", tracker.Find("[data-testid=challenge-status-7]").TextContent.Trim());
        Assert.DoesNotContain("Completed", tracker.Find("[data-testid=challenge-status-7]").TextContent, StringComparison.Ordinal);
        var reward = tracker.Find("[data-testid=challenge-reward-7]").TextContent;
        Assert.Contains("+100 pts", reward, StringComparison.Ordinal);
        Assert.Contains("Century Club", reward, StringComparison.Ordinal);
        Assert.Equal("Medium", tracker.Find("[data-testid=challenge-difficulty-7]").TextContent.Trim());
    }

    [Fact]
    public void A_completed_challenge_says_Completed_with_a_full_bar()
    {
        var tracker = Render<ChallengeTracker>(p => p.Add(x => x.Challenges,
            [Challenge(8, "Daily Ten", progress: 10, target: 10, left: TimeSpan.FromHours(5), type: ChallengeType.Daily) with { Completed = true, CompletedAt = Now }]));

        Assert.Equal("true", tracker.Find("[data-testid=challenge-8]").GetAttribute("data-completed"));
        Assert.Equal("Completed", tracker.Find("[data-testid=challenge-status-8]").TextContent.Trim());
        Assert.Equal("100", tracker.Find("[data-testid=challenge-bar-8]").GetAttribute("data-value"));
        Assert.Equal("New round in 5 h", tracker.Find("[data-testid=challenge-time-8]").TextContent.Trim());
        Assert.Equal("1", tracker.Find("[data-testid=challenge-tracker]").GetAttribute("data-completed"));
    }

    [Fact]
    public void A_team_challenge_shows_the_team_total_and_the_agents_part()
    {
        var tracker = Render<ChallengeTracker>(p => p.Add(x => x.Challenges,
        [
            Challenge(9, "Team Rally", progress: 180, target: 250, left: TimeSpan.FromDays(2.3)) with
            {
                IsTeamChallenge = true, TeamId = 4, TeamName = "Team Alpha", MyContribution = 42,
            },
        ]));

        Assert.Equal("true", tracker.Find("[data-testid=challenge-9]").GetAttribute("data-team"));
        Assert.Equal("Team Alpha: 180 / 250 · your part 42", tracker.Find("[data-testid=challenge-progress-9]").TextContent.Trim());
        Assert.Equal("72", tracker.Find("[data-testid=challenge-bar-9]").GetAttribute("data-value"));
        Assert.Equal("2 days left", tracker.Find("[data-testid=challenge-status-9]").TextContent.Trim());
        Assert.NotEmpty(tracker.FindAll("[data-testid=challenge-team-chip-9]"));
    }

    [Fact]
    public void An_average_rating_challenge_shows_the_average_and_the_rated_calls_it_needs()
    {
        var tracker = Render<ChallengeTracker>(p => p.Add(x => x.Challenges,
        [
            Challenge(10, "Happy Customers", progress: 4.3m, target: 4, left: TimeSpan.FromDays(3)) with
            {
                Objective = ObjectiveType.AvgRating, MinRatedCalls = 10, RatedCalls = 12,
            },
            Challenge(11, "Happy Start", progress: 0, target: 4, left: TimeSpan.FromDays(3)) with
            {
                Objective = ObjectiveType.AvgRating, MinRatedCalls = 10, RatedCalls = 0,
            },
        ]));

        Assert.Equal("4.3 ★ avg over 12 rated calls (needs 10)", tracker.Find("[data-testid=challenge-progress-10]").TextContent.Trim());
        Assert.Equal("No rated calls yet (needs 10)", tracker.Find("[data-testid=challenge-progress-11]").TextContent.Trim());
    }

    [Fact]
    public void A_satisfaction_rate_challenge_shows_the_percentage_and_n_of_m_rated_calls()
    {
        var tracker = Render<ChallengeTracker>(p => p.Add(x => x.Challenges,
        [
            Challenge(12, "90% Satisfaction", progress: 89.95m, target: 90, left: TimeSpan.FromDays(10)) with
            {
                Objective = ObjectiveType.SatisfactionRate, MinRatedCalls = 20, RatedCalls = 2489, SatisfiedCalls = 2239,
            },
            Challenge(13, "Happy Month", progress: 0, target: 90, left: TimeSpan.FromDays(10)) with
            {
                Objective = ObjectiveType.SatisfactionRate, MinRatedCalls = 20, RatedCalls = 0,
            },
        ]));

        // 89.95% is not shown as a 90% target met.
        Assert.Equal("89.9% satisfied · 2,239 of 2,489 rated calls rated 4–5★ (target 90%, at least 20 calls)",
            tracker.Find("[data-testid=challenge-progress-12]").TextContent.Trim());
        Assert.Equal("No rated calls yet (target 90%, at least 20 calls)", tracker.Find("[data-testid=challenge-progress-13]").TextContent.Trim());
    }

    [Fact]
    public void A_leaderboard_rank_challenge_shows_the_rank_against_the_target_and_when_it_pays()
    {
        var tracker = Render<ChallengeTracker>(p => p.Add(x => x.Challenges,
        [
            Challenge(14, "Q1 Top Performer", progress: 6, target: 3, left: TimeSpan.FromDays(20)) with
            {
                Objective = ObjectiveType.LeaderboardRank, Rank = 6, RankedPeople = 42, ProgressPercent = 50,
            },
            Challenge(15, "Champion", progress: 0, target: 1, left: TimeSpan.FromDays(20)) with { Objective = ObjectiveType.LeaderboardRank },
            Challenge(16, "Last Week's Podium", progress: 2, target: 3, left: TimeSpan.FromDays(2)) with
            {
                Objective = ObjectiveType.LeaderboardRank, Rank = 2, RankedPeople = 40, Completed = true, CompletedAt = Now,
            },
        ]));

        Assert.Equal("Rank 6 of 42 · top 3 win", tracker.Find("[data-testid=challenge-progress-14]").TextContent.Trim());
        Assert.Equal("50", tracker.Find("[data-testid=challenge-bar-14]").GetAttribute("data-value"));
        Assert.Contains("paid 2 days after it closes", tracker.Find("[data-testid=challenge-rank-note-14]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Not on the board yet · rank 1 wins", tracker.Find("[data-testid=challenge-progress-15]").TextContent.Trim());
        Assert.Equal("Finished at rank 2", tracker.Find("[data-testid=challenge-progress-16]").TextContent.Trim());
        Assert.Empty(tracker.FindAll("[data-testid=challenge-rank-note-16]"));
    }

    [Fact]
    public void Time_left_counts_down_with_the_clock()
    {
        var tracker = Render<ChallengeTracker>(p => p.Add(x => x.Challenges,
            [Challenge(7, "Call Blitz", progress: 1, target: 50, left: new TimeSpan(3, 20, 0))]));
        Assert.Equal("3 h 20 min left", tracker.Find("[data-testid=challenge-status-7]").TextContent.Trim());

        clock.Advance(TimeSpan.FromMinutes(125));
        tracker.Render();

        Assert.Equal("1 h 15 min left", tracker.Find("[data-testid=challenge-status-7]").TextContent.Trim());
    }

    [Fact]
    public void The_compact_tracker_shows_open_challenges_first_soonest_ending_first_and_links_to_all()
    {
        var tracker = Render<ChallengeTracker>(p => p
            .Add(x => x.Compact, true)
            .Add(x => x.MaxCount, 2)
            .Add(x => x.Challenges,
            [
                Challenge(1, "Done Today", progress: 10, target: 10, left: TimeSpan.FromHours(1)) with { Completed = true },
                Challenge(2, "This Week", progress: 5, target: 50, left: TimeSpan.FromDays(4)),
                Challenge(3, "Today", progress: 2, target: 10, left: TimeSpan.FromHours(6)),
            ]));

        var items = tracker.FindAll(".challenge-item");
        Assert.Equal(["challenge-3", "challenge-2"], items.Select(i => i.GetAttribute("data-testid")));
        Assert.Equal("1 of 3 completed", tracker.Find("[data-testid=challenge-tracker-count]").TextContent.Trim());
        Assert.Equal("challenges", tracker.Find("#tracker-see-all").GetAttribute("href"));
    }

    [Fact]
    public void Empty_loading_and_error_states_show()
    {
        var tracker = Render<ChallengeTracker>(p => p.Add(x => x.Challenges, null));
        Assert.NotEmpty(tracker.FindAll("[data-testid=challenge-tracker-loading]"));

        tracker.Render(p => p.Add(x => x.Challenges, []));
        Assert.Contains("No active challenges right now", tracker.Find("[data-testid=challenge-tracker-empty]").TextContent, StringComparison.Ordinal);

        tracker.Render(p => p.Add(x => x.Error, "Your challenges could not be loaded just now."));
        Assert.Contains("could not be loaded", tracker.Find("[data-testid=challenge-tracker-error]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 0, "Ended")]
    [InlineData(0, 0, 12, "12 min left")]
    [InlineData(0, 3, 20, "3 h 20 min left")]
    [InlineData(0, 3, 0, "3 h left")]
    [InlineData(1, 5, 0, "1 day 5 h left")]
    [InlineData(2, 0, 0, "2 days left")]
    [InlineData(6, 23, 59, "6 days left")]
    public void Time_left_reads_naturally(int days, int hours, int minutes, string expected)
    {
        Assert.Equal(expected, ChallengeTracker.TimeLeftText(Services.GetRequiredService<IStringLocalizer<SharedResource>>(), new TimeSpan(days, hours, minutes, 0)));
    }

    [Fact]
    public void A_challenges_name_badge_and_prize_drawn_as_shared_markup_are_shown_as_text()
    {
        var challenge = Challenge(31, "Call <b>Blitz</b> & co", progress: 5, target: 10, left: TimeSpan.FromHours(5)) with
        {
            IsTeamChallenge = true,
            TeamId = 2,
            TeamName = "Alpha",
            MyContribution = 2,
            BadgeRewardId = 4,
            BadgeRewardName = "<i>Star</i>",
            Prize = "Pizza & \"cake\"",
        };

        var first = Render<ChallengeTracker>(p => p.Add(x => x.Challenges, [challenge]).Add(x => x.Compact, true));
        var second = Render<ChallengeTracker>(p => p.Add(x => x.Challenges, [challenge with { Progress = 6, ProgressPercent = 60 }]).Add(x => x.Compact, true));

        Assert.Empty(first.FindAll("[data-testid=challenge-31] b, [data-testid=challenge-31] i"));
        Assert.Equal("Call <b>Blitz</b> & co", first.Find("[data-testid=challenge-name-31]").TextContent);
        Assert.Equal("<i>Star</i>", first.Find("[data-testid=challenge-badge-31]").TextContent.Trim());
        Assert.Equal("Pizza & \"cake\"", first.Find("[data-testid=challenge-prize-31]").TextContent.Trim());
        Assert.Equal("Team", first.Find("[data-testid=challenge-team-chip-31]").TextContent.Trim());
        Assert.Equal("Medium", first.Find("[data-testid=challenge-difficulty-31]").TextContent.Trim());
        Assert.Contains("6 / 10", second.Find("[data-testid=challenge-progress-31]").TextContent, StringComparison.Ordinal);
    }

    private static ChallengeProgressView Challenge(long id, string name, decimal progress, int target, TimeSpan left, ChallengeType type = ChallengeType.Weekly) =>
        new(id, name, name + ".", type, ObjectiveType.TotalCalls, ChallengeDifficulty.Medium, progress, target, 0, 0,
            target == 0 ? 0 : (int)Math.Min(100, progress * 100 / target), false, null,
            DateOnly.FromDateTime(Now.UtcDateTime), DateOnly.FromDateTime(Now.Add(left).UtcDateTime), Now.Add(left), left,
            100, null, null, false, null, null, null);
}
