namespace Gamification.Tests.Challenges;

/// <summary>satisfaction_rate ("90% satisfaction"): the share of the window's rated calls rated 4 or 5, once there are enough of them.</summary>
public sealed class SatisfactionRateTests
{
    private static List<PointTransaction> Rewards(PointsFixture f, long challengeId) =>
        f.Ledger().Where(t => t.Type == TransactionType.ChallengeReward && t.SourceId!.StartsWith($"challenge-{challengeId}-", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task It_completes_once_enough_rated_calls_reach_the_target_share_and_pays_once()
    {
        using var f = PointsFixture.InMemory();
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.SatisfactionRate, 75, reward: 60, minRatedCalls: 4);

        await f.CallAsync(rating: 5);
        await f.CallAsync(rating: 4);                         // 2 of 2 = 100%, but only 2 rated calls of the 4 needed
        var fewCalls = Rewards(f, challenge).Count;
        await f.CallAsync();                                  // unrated: not a rated call
        await f.RecordAsync(ActivityType.CustomerFeedback);   // not a call
        await f.CallAsync(rating: 3);                         // 2 of 3
        await f.CallAsync(rating: 2);                         // 2 of 4 = 50%
        await f.CallAsync(rating: 5);                         // 3 of 5 = 60%
        await f.CallAsync(rating: 5);                         // 4 of 6 = 66.66%
        await f.CallAsync(rating: 4);                         // 5 of 7 = 71.42%
        var below = Rewards(f, challenge).Count;
        await f.CallAsync(rating: 5);                         // 6 of 8 = 75%: met exactly
        var met = Rewards(f, challenge);
        await f.CallAsync(rating: 1);                         // 6 of 9 afterwards: a completed window stays completed and paid once

        Assert.Equal((0, 0), (fewCalls, below));
        var reward = Assert.Single(met);
        Assert.Equal((60L, $"challenge-{challenge}-2026-03-02"), (reward.Points, reward.SourceId));
        Assert.Single(Rewards(f, challenge));
        var row = Assert.Single(f.All<UserChallenge>());
        Assert.Equal((6, 9, true), (row.Progress, row.RatingCount, row.Completed));
        Assert.Equal(1, f.Points().ChallengesCompleted);
    }

    [Fact]
    public async Task Agents_see_the_share_as_a_percentage_rounded_down_and_n_of_m_rated_calls()
    {
        using var f = PointsFixture.InMemory();
        var challenge = f.AddChallenge(ChallengeType.Weekly, ObjectiveType.SatisfactionRate, 90, minRatedCalls: 3);
        var service = f.ChallengeService();

        var none = await service.ProgressAsync(f.AgentId, challenge);
        await f.CallAsync(rating: 5);
        var one = await service.ProgressAsync(f.AgentId, challenge);
        await f.CallAsync(rating: 4);
        await f.CallAsync(rating: 1);
        var three = await service.ProgressAsync(f.AgentId, challenge);

        Assert.Equal((0m, 0, 0, 0, false), (none.Progress, none.SatisfiedCalls, none.RatedCalls, none.ProgressPercent, none.Completed));
        // 1 of 1 is 100%, but 1 of the 3 rated calls needed: half the bar is the calls (1/3), half the share (capped at 1) of them.
        Assert.Equal((100m, 1, 1, 33, false), (one.Progress, one.SatisfiedCalls, one.RatedCalls, one.ProgressPercent, one.Completed));
        // 2 of 3 = 66.666...% shown as 66.66 (never rounded up); the bar: 50 + 50 x 66.66 / 90 = 87.03.
        Assert.Equal((66.66m, 2, 3, 87, false), (three.Progress, three.SatisfiedCalls, three.RatedCalls, three.ProgressPercent, three.Completed));
        Assert.Equal((ObjectiveType.SatisfactionRate, 90, 3), (three.Objective, three.Target, three.MinRatedCalls));
    }
}
