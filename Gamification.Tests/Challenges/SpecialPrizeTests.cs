namespace Gamification.Tests.Challenges;

/// <summary>
/// A challenge may name a prize that is not points (the guide's special prizes): each completion waits on the admin's
/// hand-out list until marked handed out, once.
/// </summary>
public sealed class SpecialPrizeTests
{
    [Fact]
    public async Task A_completion_of_a_prize_challenge_waits_until_an_admin_hands_it_out_once()
    {
        using var f = PointsFixture.InMemory();
        var withPrize = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 1, reward: 10);
        var without = f.AddChallenge(ChallengeType.Daily, ObjectiveType.TotalCalls, 1, reward: 10);
        var admin = f.AddAgent("admin-1");
        using (var db = f.CreateContext())
        {
            (await db.Challenges.IgnoreQueryFilters().SingleAsync(c => c.Id == withPrize)).Prize = "Team lunch on us";
            await db.SaveChangesAsync();
        }
        var service = f.ChallengeService();
        Assert.Empty(await service.PrizesAsync());

        await f.CallAsync();

        var waiting = Assert.Single(await service.PrizesAsync(handedOut: false));
        Assert.Equal((withPrize, "Team lunch on us", f.AgentId, (DateTimeOffset?)null), (waiting.ChallengeId, waiting.Prize, waiting.UserId, waiting.HandedOutAt));
        Assert.Equal("Team lunch on us", (await service.ActiveForUserAsync(f.AgentId)).Single(c => c.ChallengeId == withPrize).Prize);
        Assert.Null((await service.ActiveForUserAsync(f.AgentId)).Single(c => c.ChallengeId == without).Prize);

        var handed = await service.HandOutPrizeAsync(waiting.Id, admin);
        Assert.Equal((f.Clock.GetUtcNow(), "Agent admin-1"), (handed.HandedOutAt!.Value, handed.HandedOutBy));
        Assert.Empty(await service.PrizesAsync(handedOut: false));
        Assert.Single(await service.PrizesAsync(handedOut: true));

        var again = await Assert.ThrowsAsync<DomainException>(() => service.HandOutPrizeAsync(waiting.Id, admin));
        Assert.Equal(DomainErrorKind.Conflict, again.Kind);
        Assert.Contains("already handed out by Agent admin-1", again.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<DomainException>(() => service.HandOutPrizeAsync(waiting.Id + 1000, admin));
        Assert.Equal(DomainErrorKind.NotFound, unknown.Kind);

        // The engine still writes the row after the hand-out (more calls in the window) without undoing it.
        await f.CallAsync();
        Assert.NotNull(Assert.Single(await service.PrizesAsync(handedOut: true)).HandedOutAt);
    }

    [Theory]
    [InlineData("  Team lunch on us  ", "Team lunch on us")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public async Task The_prize_is_trimmed_and_blank_means_none(string? given, string? stored)
    {
        using var f = PointsFixture.InMemory();
        var created = await f.ChallengeService().CreateAsync(Input(given));
        Assert.Equal(stored, created.Prize);
    }

    [Fact]
    public async Task A_prize_too_long_is_refused_by_its_field_and_nothing_is_stored()
    {
        using var f = PointsFixture.InMemory();
        var refused = await Assert.ThrowsAsync<DomainException>(() => f.ChallengeService().CreateAsync(Input(new string('x', ChallengeService.MaxPrizeLength + 1))));
        Assert.Contains("prize", refused.Errors!.Keys);
        using var db = f.CreateContext();
        Assert.Equal(0, await db.Challenges.IgnoreQueryFilters().CountAsync());
    }

    private static ChallengeInput Input(string? prize) =>
        new("Lunch Ten", "Ten calls today", ChallengeType.Daily, ObjectiveType.TotalCalls, 10, 0, 10, null, ChallengeDifficulty.Easy, null, null, false, prize);
}
