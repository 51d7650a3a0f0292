namespace Gamification.Tests.Challenges;

/// <summary>The targets satisfaction_rate (a percentage) and leaderboard_rank (a top N) accept, checked by the challenge editor's service.</summary>
public sealed class ObjectiveTargetTests
{
    [Theory]
    [InlineData(ObjectiveType.SatisfactionRate, 0, 10, false, "target")]
    [InlineData(ObjectiveType.SatisfactionRate, 101, 10, false, "target")]
    [InlineData(ObjectiveType.SatisfactionRate, 90, 0, false, "min_rated_calls")]
    [InlineData(ObjectiveType.SatisfactionRate, 90, 10, true, "is_team_challenge")]
    [InlineData(ObjectiveType.LeaderboardRank, 0, 0, false, "target")]
    [InlineData(ObjectiveType.LeaderboardRank, 1001, 0, false, "target")]
    [InlineData(ObjectiveType.LeaderboardRank, 3, 0, true, "is_team_challenge")]
    public async Task A_bad_target_of_the_new_objectives_is_refused_naming_the_field_and_nothing_is_stored(
        ObjectiveType objective, int target, int minRated, bool team, string field)
    {
        using var f = PointsFixture.InMemory();

        var refused = await Assert.ThrowsAsync<DomainException>(() => f.ChallengeService().CreateAsync(
            new ChallengeInput("Goal", null, ChallengeType.Monthly, objective, target, minRated, 100, null, ChallengeDifficulty.Hard, null, null, team)));

        Assert.Equal(DomainErrorKind.Validation, refused.Kind);
        Assert.Equal([field], refused.Errors!.Keys);
        Assert.Empty(f.All<Challenge>());
    }

    [Theory]
    [InlineData(ObjectiveType.SatisfactionRate, 1, 1)]
    [InlineData(ObjectiveType.SatisfactionRate, 100, 10_000)]
    [InlineData(ObjectiveType.LeaderboardRank, 1, 0)]
    [InlineData(ObjectiveType.LeaderboardRank, 1000, 0)]
    public async Task The_edges_of_the_allowed_targets_are_accepted(ObjectiveType objective, int target, int minRated)
    {
        using var f = PointsFixture.InMemory();

        var created = await f.ChallengeService().CreateAsync(
            new ChallengeInput("Goal", null, ChallengeType.Monthly, objective, target, minRated, 100, null, ChallengeDifficulty.Hard, null, null, false));

        Assert.Equal((objective, target, minRated), (created.Objective, created.Target, created.MinRatedCalls));
        Assert.Single(f.All<Challenge>());
    }

    [Fact]
    public async Task An_edit_cannot_switch_a_challenge_to_or_from_a_leaderboard_rank()
    {
        using var f = PointsFixture.InMemory();
        var service = f.ChallengeService();
        var calls = await service.CreateAsync(Input(ObjectiveType.TotalCalls, 50));
        var rank = await service.CreateAsync(Input(ObjectiveType.LeaderboardRank, 3));

        var toRank = await Assert.ThrowsAsync<DomainException>(() => service.UpdateAsync(calls.Id, Input(ObjectiveType.LeaderboardRank, 3)));
        var fromRank = await Assert.ThrowsAsync<DomainException>(() => service.UpdateAsync(rank.Id, Input(ObjectiveType.TotalCalls, 50)));
        var deeper = await service.UpdateAsync(rank.Id, Input(ObjectiveType.LeaderboardRank, 5));

        Assert.Equal(["objective"], toRank.Errors!.Keys);
        Assert.Equal(["objective"], fromRank.Errors!.Keys);
        Assert.Equal((ObjectiveType.LeaderboardRank, 5), (deeper.Objective, deeper.Target));
        Assert.Equal([(ObjectiveType.TotalCalls, 50), (ObjectiveType.LeaderboardRank, 5)],
            f.All<Challenge>().OrderBy(c => c.Id).Select(c => (c.ObjectiveType, c.ObjectiveTarget)));
    }

    private static ChallengeInput Input(ObjectiveType objective, int target) =>
        new("Goal", null, ChallengeType.Weekly, objective, target, 0, 100, null, ChallengeDifficulty.Medium, null, null, false);
}
