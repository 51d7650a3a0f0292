namespace Gamification.Tests.Challenges;

/// <summary>
/// leaderboard_rank ("Q1 Top Performer"): no event completes it; while its window is open agents see their rank on the
/// window's board against the target; its windows become payable once late events can no longer move the ranks.
/// (The paying job: Jobs/ChallengeRankJobTests.)
/// </summary>
public sealed class LeaderboardRankTests
{
    /// <summary>The week of Monday 2 March 2026 (UTC) closes at Monday 9 March 00:00; events up to 48 hours late still count in it.</summary>
    private static readonly DateTimeOffset FirstWeekFinal = new(2026, 3, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task No_activity_event_completes_a_rank_challenge()
    {
        using var f = PointsFixture.InMemory();
        var rank = f.AddChallenge(ChallengeType.Daily, ObjectiveType.LeaderboardRank, 1, reward: 80);
        var calls = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 1, reward: 10);

        await f.CallAsync(rating: 5);
        await f.CallAsync();

        // The only agent leads today's board, yet nothing is paid or even counted for the rank challenge; the call challenge beside it completes.
        Assert.DoesNotContain(f.All<UserChallenge>(), r => r.ChallengeId == rank);
        Assert.Equal([$"challenge-{calls}-2026-03-02"], f.Ledger().Where(t => t.Type == TransactionType.ChallengeReward).Select(t => t.SourceId));
        var view = await f.ChallengeService().ProgressAsync(f.AgentId, rank);
        Assert.Equal((1, 1, false), (view.Rank, view.RankedPeople, view.Completed));
    }

    [Fact]
    public async Task While_the_window_is_open_each_agent_sees_their_rank_against_the_target()
    {
        using var f = PointsFixture.InMemory();
        var (leader, third, idle) = (f.AddAgent("agent-02"), f.AddAgent("agent-03"), f.AddAgent("agent-04"));
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.LeaderboardRank, 2, reward: 100);
        await f.CallsAsync((f.AgentId, 2), (leader, 3), (third, 1));   // 20, 30 and 10 points
        var service = f.ChallengeService();

        var views = new List<ChallengeProgressView>();
        foreach (var user in new[] { f.AgentId, leader, third, idle })
        {
            views.Add(await service.ProgressAsync(user, challenge));
        }
        var listed = await service.ActiveForUserAsync(f.AgentId);

        // Rank 2 of a top 2: the bar is full (not yet paid); rank 3: 2/3 of it; no points: not on the board.
        Assert.Equal([(2, 2m, 100), (1, 1m, 100), (3, 3m, 66), ((int?)null, 0m, 0)], views.Select(v => (v.Rank, v.Progress, v.ProgressPercent)));
        Assert.All(views, v => Assert.Equal((3, 2, false, FirstWeekFinal), (v.RankedPeople, v.Target, v.Completed, v.RanksFinalAt)));
        Assert.Equal(2, Assert.Single(listed, v => v.ChallengeId == challenge).Rank);
    }

    [Fact]
    public async Task A_window_ranks_the_points_from_the_challenges_first_day_all_of_that_day()
    {
        using var f = PointsFixture.InMemory();
        var other = f.AddAgent("agent-02");
        var wednesday = new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.LeaderboardRank, 1, start: wednesday);
        await f.CallsAsync(f.AgentId, 3);                                 // Monday: before the challenge's first day
        f.Clock.SetUtcNow(wednesday.AddHours(1));
        await f.CallsAsync(f.AgentId, 1, at: wednesday.AddHours(-1));     // Wednesday 08:00, before 09:00: the first day counts whole
        await f.CallsAsync(other, 1);                                     // Wednesday 10:00

        var mine = await f.ChallengeService().ProgressAsync(f.AgentId, challenge);
        var theirs = await f.ChallengeService().ProgressAsync(other, challenge);

        // 10 points each from Wednesday: a shared first place. Monday's 30 would have put agent-01 alone in front.
        Assert.Equal((1, 1, 2), (mine.Rank, theirs.Rank, mine.RankedPeople));
        Assert.Equal(new DateOnly(2026, 3, 2), mine.WindowStart);
    }

    [Fact]
    public void A_window_is_payable_48_hours_after_it_closes_and_not_when_the_challenge_was_ended_before_its_end()
    {
        var rules = new TenantRules(TenantClock.For("UTC"), TenantPresets.Create(Guid.NewGuid(), GamificationPreset.Moderate, PointsFixture.Start));
        var challenge = new Challenge
        {
            Id = 7,
            ChallengeType = ChallengeType.Weekly,
            ObjectiveType = ObjectiveType.LeaderboardRank,
            ObjectiveTarget = 3,
            StartDate = new DateTimeOffset(2026, 2, 25, 9, 0, 0, TimeSpan.Zero), // a Wednesday
            IsActive = true,
        };
        var firstWeek = new RankWindow(new ChallengeWindow(new(2026, 2, 23), new(2026, 3, 1)), new ChallengeWindow(new(2026, 2, 25), new(2026, 3, 1)));
        var secondWeek = new RankWindow(new ChallengeWindow(new(2026, 3, 2), new(2026, 3, 8)), new ChallengeWindow(new(2026, 3, 2), new(2026, 3, 8)));

        var justBefore = ChallengeRules.FinalRankWindows(challenge, rules, FirstWeekFinal.AddTicks(-1), 35);
        var atFinal = ChallengeRules.FinalRankWindows(challenge, rules, FirstWeekFinal, 35);
        challenge.EndDate = new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero); // ended on Thursday of the second week
        challenge.IsActive = false;
        var ended = ChallengeRules.FinalRankWindows(challenge, rules, FirstWeekFinal.AddDays(10), 35);

        Assert.Equal([firstWeek], justBefore);
        Assert.Equal([firstWeek, secondWeek], atFinal);
        Assert.Equal([firstWeek], ended);
    }
}
